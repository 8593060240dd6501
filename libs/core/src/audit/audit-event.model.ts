import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../graphql/connection';
import { AuditEvent } from './audit-event.entity';

@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field()
  action!: string;

  @Field(() => ID, { nullable: true, description: 'The member who acted; null for a public request.' })
  actorId!: string | null;

  @Field(() => ID, { nullable: true })
  branchId!: string | null;

  @Field(() => ID, { nullable: true })
  subjectId!: string | null;

  @Field(() => Number, { nullable: true })
  rowCount!: number | null;

  @Field(() => GraphQLJSONObject)
  detail!: Record<string, unknown>;

  @Field()
  at!: Date;
}

export const AuditEventConnection = Connection(AuditEventModel, 'AuditEvent');

export function toAuditEventModel(event: AuditEvent): AuditEventModel {
  return {
    id: event.id,
    action: event.action,
    actorId: event.actorId,
    branchId: event.branchId,
    subjectId: event.subjectId,
    rowCount: event.rowCount,
    detail: event.detail,
    at: event.createdAt,
  };
}

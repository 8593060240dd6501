import { Args, ArgsType, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLJSONObject } from 'graphql-scalars';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequireRole } from '../auth/decorators';
import { Connection, ConnectionArgs, paginate } from '../graphql/connection';
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

@ArgsType()
class AuditLogArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only this action, e.g. member.export.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events about this branch.' })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;
}

@Resolver()
export class AuditResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @RequireRole('ADMIN')
  @Query(() => AuditEventConnection, {
    description: 'Admins only: every export, import, erasure, role change and data-rights request.',
  })
  auditLog(@Args() args: AuditLogArgs) {
    const query = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (args.action) {
      query.andWhere('a.action = :action', { action: args.action });
    }
    if (args.branchId) {
      query.andWhere('a.branch_id = :branchId', { branchId: args.branchId });
    }
    return paginate(query, args, (event) => ({
      id: event.id,
      action: event.action,
      actorId: event.actorId,
      branchId: event.branchId,
      subjectId: event.subjectId,
      rowCount: event.rowCount,
      detail: event.detail,
      at: event.createdAt,
    }));
  }
}

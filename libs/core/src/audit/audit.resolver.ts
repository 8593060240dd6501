import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Actor } from '../auth/actor';
import { CurrentActor, RequireRole } from '../auth/decorators';
import { ConnectionArgs } from '../graphql/connection';
import { AuditEventConnection } from './audit-event.model';
import { AuditService } from './audit.service';

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
  constructor(private readonly audit: AuditService) {}

  @RequireRole('ADMIN')
  @Query(() => AuditEventConnection, {
    description: 'Admins only: every export, import, erasure, role change and data-rights request.',
  })
  auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs) {
    return this.audit.list(actor, { action: args.action, branchId: args.branchId }, args);
  }
}

import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ROLE_NAMES, RoleName } from '@app/core';
import { Role } from '../member.model';

@InputType()
export class RoleInput {
  @Field(() => ID)
  @IsUUID()
  memberId!: string;

  @Field(() => Role)
  @IsIn(ROLE_NAMES)
  role!: RoleName;

  @Field(() => ID, { nullable: true, description: 'Required for ORGANISER; must be empty for ADMIN.' })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { BranchModel } from '@app/branches';
import { ROLE_NAMES, RoleName, graphqlEnum } from '@app/core';

export const Role = graphqlEnum(
  ROLE_NAMES,
  'Role',
  'ADMIN works across every branch; ORGANISER runs one branch.',
);

@ObjectType('RoleAssignment')
export class RoleAssignmentModel {
  @Field(() => Role)
  role!: RoleName;

  /** Resolved by a field resolver (null for ADMIN). */
  @Field(() => BranchModel, { nullable: true })
  branch?: BranchModel | null;

  branchId!: string | null;
}

@ObjectType('Member', { description: 'A person the campaign knows.' })
export class MemberModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  fullName!: string;

  @Field(() => String, { nullable: true })
  postcode!: string | null;

  @Field({ description: 'Wants campaign email (sent only once the address is confirmed).' })
  emailOptIn!: boolean;

  @Field()
  emailConfirmed!: boolean;

  @Field(() => [String])
  tags!: string[];

  @Field({ description: 'When they joined, were added or imported.' })
  joinedAt!: Date;

  @Field()
  archived!: boolean;

  /** Resolved by a field resolver. */
  @Field(() => BranchModel, { nullable: true })
  branch?: BranchModel | null;

  /** Resolved by a field resolver. */
  @Field(() => [RoleAssignmentModel])
  roles?: RoleAssignmentModel[];

  branchId!: string | null;
}

@ObjectType('ConsentChange', { description: "One change of a member's email consent, as recorded." })
export class ConsentChangeModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What they chose: campaign email or not.' })
  emailOptIn!: boolean;

  @Field({ description: 'The words they agreed to (or the organiser recorded), as shown.' })
  wording!: string;

  @Field()
  wordingVersion!: string;

  @Field({
    description: 'How: join, rsvp, petition, letter, pledge, organiser, import or unsubscribe.',
  })
  source!: string;

  @Field({ description: 'Recorded by an organiser (an edit or an import), not by the person.' })
  byOrganiser!: boolean;

  @Field()
  at!: Date;
}

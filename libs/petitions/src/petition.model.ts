import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { BranchModel } from '@app/branches';
import { PETITION_STATUSES, PetitionStatus } from './petition.entity';

export const PetitionStatusEnum = graphqlEnum(PETITION_STATUSES, 'PetitionStatus');

export enum SignStatus {
  CONFIRMATION_SENT = 'CONFIRMATION_SENT',
}
registerEnumType(SignStatus, { name: 'SignStatus' });

@ObjectType('SignResult')
export class SignResultModel {
  @Field(() => SignStatus, {
    description: 'Always CONFIRMATION_SENT: nothing tells whether this address had signed.',
  })
  status!: SignStatus;
}

@ObjectType('PublicSignature', {
  description: 'A signer who chose to be shown: first name and postcode district only.',
})
export class PublicSignatureModel {
  @Field()
  firstName!: string;

  @Field(() => String, { nullable: true })
  postcodeDistrict!: string | null;

  @Field()
  signedAt!: Date;
}

@ObjectType('SignatureCount')
export class SignatureCountModel {
  @Field({
    description:
      'A day (YYYY-MM-DD, Europe/London), or the name of a constituency in the active geography set ("unknown" for signatures not placed in one).',
  })
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('Petition')
export class PetitionModel {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field()
  body!: string;

  @Field({ description: 'Who the petition calls on.' })
  targetName!: string;

  @Field(() => Int)
  goal!: number;

  @Field(() => Date, { nullable: true })
  closesAt!: Date | null;

  @Field(() => PetitionStatusEnum)
  status!: PetitionStatus;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => String, { nullable: true })
  deliveryNote!: string | null;

  /** Resolved by field resolvers. */
  @Field(() => BranchModel, { nullable: true, description: 'Null for a national petition.' })
  branch?: BranchModel | null;

  @Field(() => Int, { description: 'Confirmed signatures only.' })
  signatureCount?: number;

  @Field(() => [PublicSignatureModel])
  recentSignatures?: PublicSignatureModel[];

  @Field(() => [SignatureCountModel], { description: 'Confirmed signatures per day, Europe/London.' })
  signaturesByDay?: SignatureCountModel[];

  @Field(() => [SignatureCountModel], {
    description:
      'Confirmed signatures per Scottish Parliament constituency (of the active geography set), most first. Signatures whose postcode was not placed in one of its constituencies (outside Scotland, not found, or no geography imported when they were confirmed) count under "unknown".',
  })
  signaturesByConstituency?: SignatureCountModel[];

  branchId!: string | null;
}

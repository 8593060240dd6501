import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { PLEDGE_STATUSES, PledgeStatus } from './pledge.entity';
import { VENUE_KINDS, VenueKind } from './venue.entity';

export const VenueKindEnum = graphqlEnum(VENUE_KINDS, 'VenueKind');
export const PledgeStatusEnum = graphqlEnum(PLEDGE_STATUSES, 'PledgeStatus');

@ObjectType('PledgeCommitment')
export class CommitmentModel {
  @Field()
  code!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field()
  retired!: boolean;

  @Field(() => Int, { description: 'Where it comes in the list, lowest first (then by code).' })
  sortOrder!: number;
}

@ObjectType('PledgeDecision')
export class PledgeDecisionModel {
  @Field()
  action!: string;

  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field()
  note!: string;

  @Field()
  at!: Date;
}

@ObjectType('Venue', { description: 'For the venue owner and the organisers of its branch.' })
export class VenueModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => VenueKindEnum)
  kind!: VenueKind;

  @Field()
  address!: string;

  @Field()
  postcode!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true })
  licenceNumber!: string | null;

  @Field(() => String, { nullable: true })
  publicEmail!: string | null;

  @Field(() => ID, { nullable: true })
  branchId!: string | null;
}

@ObjectType('Pledge')
export class PledgeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => PledgeStatusEnum)
  status!: PledgeStatus;

  @Field(() => [String])
  commitments!: string[];

  @Field()
  notes!: string;

  @Field(() => Date, { nullable: true })
  verifiedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => VenueModel)
  venue!: VenueModel;

  @Field(() => [PledgeDecisionModel], { description: 'Every step, oldest first.' })
  history!: PledgeDecisionModel[];
}

@ObjectType('PledgedVenue', { description: 'The public directory: no personal data.' })
export class PledgedVenueModel {
  @Field()
  name!: string;

  @Field(() => VenueKindEnum)
  kind!: VenueKind;

  @Field({ description: 'Postcode district, e.g. "EH1".' })
  area!: string;

  @Field(() => [CommitmentModel])
  commitments!: CommitmentModel[];

  @Field()
  verifiedSince!: Date;

  /** Cursor key. */
  id!: string;
  createdAt!: Date;
}

@ObjectType('PledgeCount')
export class PledgeCountModel {
  @Field()
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('PledgeStats')
export class PledgeStatsModel {
  @Field(() => Int)
  verifiedVenues!: number;

  @Field(() => [PledgeCountModel], { description: 'Verified venues per branch slug.' })
  byBranch!: PledgeCountModel[];

  @Field(() => [PledgeCountModel], { description: 'Verified venues per commitment code.' })
  byCommitment!: PledgeCountModel[];
}

@ObjectType('RegisterPledgeResult')
export class RegisterPledgeResultModel {
  @Field({ description: 'Always CONFIRMATION_SENT.' })
  status!: string;
}

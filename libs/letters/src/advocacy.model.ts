import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { TargetModel, toTargetModel } from '@app/targets';
import { REPLIED, Replied, Stance, STANCES } from './letter-questionnaire.entity';
import { LetterCampaignModel } from './letter-campaign.model';
import type { TargetStance } from './target-stance.entity';
import type { ScorecardRow } from './target-stances.service';

export const RepliedEnum = graphqlEnum(
  REPLIED,
  'Replied',
  'Whether the recipient replied to the supporter’s letter: YES, NOT_YET or NO.',
);

export const StanceEnum = graphqlEnum(STANCES, 'Stance', 'Where a target stands on a campaign.');

@ObjectType('Place')
export class PlaceModel {
  @Field()
  name!: string;
}

@ObjectType('ScorecardRow', {
  description: 'One recipient of a letter campaign: counts and a stance, never anything about a supporter.',
})
export class ScorecardRowModel {
  @Field(() => TargetModel)
  target!: TargetModel;

  @Field(() => PlaceModel, { nullable: true, description: 'A constituency MSP’s constituency.' })
  constituency!: PlaceModel | null;

  @Field(() => PlaceModel, { nullable: true, description: 'An MSP’s region.' })
  region!: PlaceModel | null;

  @Field(() => Int, { description: 'Letters to them under the campaign that were sent.' })
  lettersSent!: number;

  @Field(() => Int, { description: 'Supporters’ answers to "did you get a reply?".' })
  answers!: number;

  @Field(() => Int, { description: 'Answers that said they replied.' })
  replies!: number;

  @Field(() => Float, { nullable: true, description: 'replies / answers; null before any answer.' })
  replyRate!: number | null;

  @Field(() => StanceEnum, { nullable: true })
  stance!: Stance | null;

  @Field({ description: 'True when an organiser recorded the stance; false when supporters reported it.' })
  stanceVerified!: boolean;
}

export const toScorecardRowModel = (row: ScorecardRow): ScorecardRowModel => ({
  ...row,
  target: toTargetModel(row.target),
  constituency: row.constituency ? { name: row.constituency } : null,
  region: row.region ? { name: row.region } : null,
});

@ObjectType('TargetStance', { description: 'A stance an organiser recorded, with its source and date.' })
export class TargetStanceModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID)
  targetId!: string;

  @Field(() => StanceEnum)
  stance!: Stance;

  @Field()
  source!: string;

  @Field()
  note!: string;

  @Field()
  statedAt!: Date;

  @Field()
  recordedAt!: Date;
}

export const toTargetStanceModel = (s: TargetStance): TargetStanceModel => ({
  id: s.id,
  campaignId: s.campaignId,
  targetId: s.targetId,
  stance: s.stance,
  source: s.source,
  note: s.note,
  statedAt: s.statedAt,
  recordedAt: s.createdAt,
});

@ObjectType('LetterQuestionnaireAnswered')
export class LetterQuestionnaireAnsweredModel {
  @Field(() => LetterCampaignModel)
  campaign!: LetterCampaignModel;

  @Field(() => Int, { description: 'How many recipients the answers were about.' })
  answered!: number;
}

export type { Replied };

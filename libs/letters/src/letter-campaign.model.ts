import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { TargetModel } from '@app/targets';
import {
  LETTER_CAMPAIGN_STATUSES,
  LetterCampaign,
  LetterCampaignStatus,
  NEAR_COPY_HANDLINGS,
  NearCopyHandling,
  Targeting,
  TARGETINGS,
} from './letter-campaign.entity';

export const NearCopiesEnum = graphqlEnum(
  NEAR_COPY_HANDLINGS,
  'NearCopies',
  'DELIVER: every letter goes on its own; DIGEST: letters that copy others go in a daily digest.',
);

export const LetterCampaignStatusEnum = graphqlEnum(LETTER_CAMPAIGN_STATUSES, 'LetterCampaignStatus');

export const TargetingEnum = graphqlEnum(
  TARGETINGS,
  'Targeting',
  'MY_MSPS: the supporter’s constituency MSP and seven regional MSPs; MY_CONSTITUENCY_MSP; MY_REGIONAL_MSPS; SELECTED_TARGETS: the campaign’s fixed list.',
);

export enum WriteLettersStatus {
  CONFIRMATION_SENT = 'CONFIRMATION_SENT',
}
registerEnumType(WriteLettersStatus, { name: 'WriteLettersStatus' });

@ObjectType('LetterCampaign', {
  description: '“Mail your representative”: a letter template and who it goes to.',
})
export class LetterCampaignModel {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  title!: string;

  @Field(() => ID, { nullable: true, description: 'Null for a national campaign.' })
  branchId!: string | null;

  @Field(() => TargetingEnum)
  targeting!: Targeting;

  @Field({ description: 'With placeholders such as {{target.name}}.' })
  subjectTemplate!: string;

  @Field({ description: 'With placeholders such as {{target.name}} and {{supporter.fullName}}.' })
  bodyTemplate!: string;

  @Field({ description: 'Whether a letter must differ from the template (ignoring whitespace).' })
  requirePersonalisation!: boolean;

  @Field(() => LetterCampaignStatusEnum)
  status!: LetterCampaignStatus;

  @Field(() => NearCopiesEnum, {
    description: 'DIGEST: letters above `nearCopyThreshold` wait for each recipient’s daily digest.',
  })
  nearCopies!: NearCopyHandling;

  @Field(() => Float, { description: 'The near-copy score (0–1) above which DIGEST applies.' })
  nearCopyThreshold!: number;
}

export function toLetterCampaignModel(campaign: LetterCampaign): LetterCampaignModel {
  return {
    id: campaign.id,
    slug: campaign.slug,
    title: campaign.title,
    branchId: campaign.branchId,
    targeting: campaign.targeting,
    subjectTemplate: campaign.subjectTemplate,
    bodyTemplate: campaign.bodyTemplate,
    requirePersonalisation: campaign.requirePersonalisation,
    status: campaign.status,
    nearCopies: campaign.nearCopies,
    nearCopyThreshold: campaign.nearCopyThreshold,
  };
}

@ObjectType('LetterDayCount')
export class LetterDayCountModel {
  @Field({ description: 'A day, YYYY-MM-DD (Europe/London).' })
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('TemplateProblem')
export class TemplateProblemModel {
  @Field({ description: 'subjectTemplate or bodyTemplate.' })
  field!: string;

  @Field({ description: 'As the save would say it, e.g. "uses an unknown placeholder …".' })
  message!: string;
}

@ObjectType('TemplateCheck')
export class TemplateCheckModel {
  @Field(() => [String], { description: 'The placeholders a subject or body may use.' })
  placeholders!: string[];

  @Field(() => [TemplateProblemModel], { description: 'Empty when both templates would be accepted.' })
  problems!: TemplateProblemModel[];
}

@ObjectType('TargetLetterCount')
export class TargetLetterCountModel {
  @Field(() => Int, { description: 'Letters written, confirmed or not.' })
  written!: number;

  @Field(() => TargetModel)
  target!: TargetModel;

  @Field(() => Int, { description: 'Letters confirmed by their writers.' })
  confirmed!: number;

  @Field(() => Int)
  sent!: number;

  @Field(() => Int)
  failed!: number;
}

@ObjectType('LetterCampaignStats')
export class LetterCampaignStatsModel {
  @Field(() => Int, { description: 'Letters written (one per supporter and target), confirmed or not.' })
  written!: number;

  @Field(() => Int, { description: 'Letters their writers confirmed: queued, sent or failed.' })
  confirmed!: number;

  @Field(() => Int)
  sent!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, {
    description:
      'Across confirmed letters, the average share of each body that is the supporter’s own words (0–1).',
  })
  personalisedShare!: number;

  @Field(() => [TargetLetterCountModel], { description: 'Per target, most letters first.' })
  byTarget!: TargetLetterCountModel[];
}

@ObjectType('LetterPreview')
export class LetterPreviewModel {
  @Field(() => TargetModel)
  target!: TargetModel;

  @Field()
  subject!: string;

  @Field()
  body!: string;
}

@ObjectType('WriteLettersResult')
export class WriteLettersResultModel {
  @Field(() => WriteLettersStatus, {
    description: 'Always CONFIRMATION_SENT: nothing tells whether this address had written before.',
  })
  status!: WriteLettersStatus;
}

@ObjectType('LettersConfirmed')
export class LettersConfirmedModel {
  @Field(() => LetterCampaignModel)
  campaign!: LetterCampaignModel;

  @Field(() => Int, { description: 'Letters now queued for delivery.' })
  queued!: number;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { Mailing, MAILING_STATUSES, MailingStatus } from './mailing.entity';

export const MailingStatusEnum = graphqlEnum(
  MAILING_STATUSES,
  'MailingStatus',
  'DRAFT → SCHEDULED → SENDING → SENT; SENDING ⇄ PAUSED; anything not yet SENT can be CANCELLED.',
);

@ObjectType('MailingAudience')
export class MailingAudienceModel {
  @Field(() => [String], { nullable: true })
  tags!: string[] | null;

  @Field(() => [String], { nullable: true })
  anyTags!: string[] | null;

  @Field(() => Date, { nullable: true })
  joinedAfter!: Date | null;

  @Field(() => [String], { nullable: true })
  postcodeAreas!: string[] | null;

  @Field(() => ID, { nullable: true })
  eventId!: string | null;

  @Field(() => ID, { nullable: true })
  petitionId!: string | null;
}

@ObjectType('MailingDay', { description: 'One day’s figures (Europe/London).' })
export class MailingDayModel {
  @Field({ description: 'YYYY-MM-DD' })
  day!: string;

  @Field(() => Int)
  sent!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Int)
  bounced!: number;

  @Field(() => Int)
  unsubscribed!: number;
}

@ObjectType('MailingStats')
export class MailingStatsModel {
  @Field(() => Int, { description: 'People it goes to (before sending starts: who it would go to now).' })
  audience!: number;

  @Field(() => Int, { description: 'Not sent yet.' })
  queued!: number;

  @Field(() => Int)
  sent!: number;

  @Field(() => Int, { description: 'Refused for good (not the address).' })
  failed!: number;

  @Field(() => Int, { description: 'The address was refused; it is now marked bouncing.' })
  bounced!: number;

  @Field(() => Int, { description: 'Unsubscribed with this mailing’s link.' })
  unsubscribed!: number;

  @Field(() => [MailingDayModel])
  byDay!: MailingDayModel[];
}

@ObjectType('Mailing', {
  description: 'An email from a branch’s organisers to its members (national: admins, everyone).',
})
export class MailingModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Null for a national mailing.' })
  branchId!: string | null;

  @Field()
  subject!: string;

  @Field({ description: 'Markdown, with placeholders such as {{member.firstName}}.' })
  body!: string;

  @Field(() => MailingAudienceModel)
  audience!: MailingAudienceModel;

  @Field(() => MailingStatusEnum)
  status!: MailingStatus;

  @Field(() => Date, { nullable: true })
  sendAt!: Date | null;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it paused itself.' })
  pauseReason!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('MailingPreview', { description: 'The mailing as one person would get it.' })
export class MailingPreviewModel {
  @Field()
  subject!: string;

  @Field()
  text!: string;

  @Field()
  html!: string;
}

export function toMailingModel(mailing: Mailing): MailingModel {
  const a = mailing.audience ?? {};
  return {
    id: mailing.id,
    branchId: mailing.branchId,
    subject: mailing.subject,
    body: mailing.body,
    audience: {
      tags: a.tags ?? null,
      anyTags: a.anyTags ?? null,
      joinedAfter: a.joinedAfter ? new Date(a.joinedAfter) : null,
      postcodeAreas: a.postcodeAreas ?? null,
      eventId: a.eventId ?? null,
      petitionId: a.petitionId ?? null,
    },
    status: mailing.status,
    sendAt: mailing.sendAt,
    startedAt: mailing.startedAt,
    finishedAt: mailing.finishedAt,
    pauseReason: mailing.pauseReason,
    createdAt: mailing.createdAt,
  };
}

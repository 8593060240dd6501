import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { BranchModel } from '@app/branches';
import { EVENT_KINDS, EVENT_STATUSES, EventKind, EventStatus } from './event.entity';
import { RSVP_STATUSES, RsvpStatus } from './rsvp.entity';

export const EventKindEnum = graphqlEnum(EVENT_KINDS, 'EventKind');
export const EventStatusEnum = graphqlEnum(EVENT_STATUSES, 'EventStatus');
export const RsvpStatusEnum = graphqlEnum(RSVP_STATUSES, 'RsvpStatus');

@ObjectType('EventLocation')
export class EventLocationModel {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  postcode!: string | null;
}

@ObjectType('Event', { description: 'Times are UTC instants; `startsAtLocal` shows them in Europe/London.' })
export class EventModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => EventKindEnum)
  kind!: EventKind;

  @Field(() => String, { nullable: true })
  trainingKind!: string | null;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field({ description: 'The start as people in Scotland read it, e.g. "Sunday, 28 March 2027 at 10:30".' })
  startsAtLocal!: string;

  @Field(() => EventLocationModel, { nullable: true })
  location!: EventLocationModel | null;

  @Field(() => String, { nullable: true })
  onlineUrl!: string | null;

  @Field(() => Int, { nullable: true, description: 'Null: no limit.' })
  capacity!: number | null;

  @Field(() => Date, { nullable: true })
  rsvpClosesAt!: Date | null;

  @Field()
  isTraining!: boolean;

  @Field(() => Int, { nullable: true })
  certificateValidMonths!: number | null;

  @Field(() => EventStatusEnum)
  status!: EventStatus;

  @Field(() => String, { nullable: true })
  cancelMessage!: string | null;

  @Field({ description: 'Add to a calendar: an .ics file in Europe/London time.' })
  calendarUrl!: string;

  /** Resolved by field resolvers. */
  @Field(() => BranchModel)
  branch?: BranchModel;

  @Field(() => Int, { nullable: true, description: 'Places left; null when there is no limit.' })
  spacesLeft?: number | null;

  branchId!: string;
}

@ObjectType('RsvpResult')
export class RsvpResultModel {
  @Field(() => RsvpStatusEnum, {
    description:
      'GOING if there is a place now, else WAITLISTED: what anyone new would get, whatever is already recorded for the address. Someone who had already replied keeps their place and is told it by email.',
  })
  status!: RsvpStatus;
}

@ObjectType('Attendee', { description: "One person's RSVP, for the event's organisers." })
export class AttendeeModel {
  @Field(() => ID, { description: 'The RSVP id (for checkIn).' })
  id!: string;

  @Field(() => RsvpStatusEnum)
  status!: RsvpStatus;

  @Field(() => ID, {
    nullable: true,
    description:
      "The branch's member record for this reply (for `member` and `certificates`); null when it is not one you manage.",
  })
  memberId!: string | null;

  @Field({ description: 'The name given with this reply (or at the door).' })
  fullName!: string;

  @Field({ description: 'The address given with this reply (or at the door).' })
  email!: string;

  @Field()
  walkIn!: boolean;

  @Field(() => Date, { nullable: true })
  checkedInAt!: Date | null;

  @Field()
  repliedAt!: Date;
}

@ObjectType('Attendance')
export class AttendanceModel {
  @Field(() => Int)
  going!: number;

  @Field(() => Int)
  waitlisted!: number;

  @Field(() => Int)
  cancelled!: number;

  @Field(() => Int)
  checkedIn!: number;

  @Field(() => Int)
  walkIns!: number;
}

@ObjectType('BranchAttendance')
export class BranchAttendanceModel {
  @Field(() => Int)
  events!: number;

  @Field(() => Int)
  going!: number;

  @Field(() => Int)
  checkedIn!: number;
}

@ObjectType('Certificate')
export class CertificateModel {
  @Field(() => ID)
  id!: string;

  @Field()
  trainingKind!: string;

  @Field({ description: 'YYYY-MM-DD, Europe/London.' })
  issuedOn!: string;

  @Field({ description: 'YYYY-MM-DD: the last day it is valid.' })
  validUntil!: string;

  @Field(() => ID)
  eventId!: string;

  @Field()
  eventTitle!: string;
}

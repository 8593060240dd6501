import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { asPostcode, ConnectionArgs, isGiven, POSTCODE_FORMAT, POSTCODE_MESSAGE, trimmed } from '@app/core';
import { EVENT_KINDS, EventKind } from '../event.entity';
import { EventKindEnum, RsvpStatusEnum } from '../event.model';
import { RSVP_STATUSES, RsvpStatus } from '../rsvp.entity';

const TRAINING_KIND = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@InputType()
export class LocationInput {
  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @Transform(asPostcode)
  @IsOptional()
  @Matches(POSTCODE_FORMAT, { message: POSTCODE_MESSAGE })
  postcode?: string | null;
}

@InputType()
export class CreateEventInput {
  @Field(() => ID)
  @IsUUID()
  branchId!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  title!: string;

  @Field({ defaultValue: '' })
  @MaxLength(10_000)
  description: string = '';

  @Field(() => EventKindEnum)
  @IsIn(EVENT_KINDS)
  kind!: EventKind;

  @Field(() => String, {
    nullable: true,
    description: 'For trainings, e.g. "naloxone" or "overdose-response".',
  })
  @IsOptional()
  @Matches(TRAINING_KIND, { message: 'trainingKind must be lower-case words joined by hyphens' })
  trainingKind?: string | null;

  @Field()
  @IsDate()
  startsAt!: Date;

  @Field()
  @IsDate()
  endsAt!: Date;

  @Field(() => LocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Places; leave out for no limit.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity?: number | null;

  @Field(() => Date, { nullable: true, description: 'RSVPs close then, or at the start.' })
  @IsOptional()
  @IsDate()
  rsvpClosesAt?: Date | null;

  @Field({ defaultValue: false })
  @IsBoolean()
  isTraining: boolean = false;

  @Field(() => Int, { nullable: true, description: 'Required for trainings.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  certificateValidMonths?: number | null;
}

@InputType()
export class UpdateEventInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(1, 200)
  title?: string;

  @Field(() => String, { nullable: true })
  @ValidateIf(isGiven)
  @MaxLength(10_000)
  description?: string;

  @Field(() => Date, { nullable: true })
  @ValidateIf(isGiven)
  @IsDate()
  startsAt?: Date;

  @Field(() => Date, { nullable: true })
  @ValidateIf(isGiven)
  @IsDate()
  endsAt?: Date;

  @Field(() => LocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Raising it moves people up from the waitlist.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity?: number | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  rsvpClosesAt?: Date | null;
}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 60)
  branchSlug?: string | null;

  @Field(() => EventKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(EVENT_KINDS)
  kind?: EventKind | null;

  @Field(() => Date, { nullable: true, description: 'Starting at or after; default now.' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Starting before.' })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}

@InputType()
export class RsvpInput {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  fullName!: string;

  @Field()
  @Transform(trimmed)
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field(() => String, { nullable: true })
  @Transform(asPostcode)
  @IsOptional()
  @Matches(POSTCODE_FORMAT, { message: POSTCODE_MESSAGE })
  postcode?: string | null;

  @Field({ description: 'Campaign email, in the words of `emailConsent` (applies to people new to us).' })
  @IsBoolean()
  emailOptIn!: boolean;
}

@ArgsType()
export class AttendeesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field(() => RsvpStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(RSVP_STATUSES)
  status?: RsvpStatus | null;
}

@ArgsType()
export class BranchAttendanceArgs {
  @Field(() => ID)
  @IsUUID()
  branchId!: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}

@ArgsType()
export class BranchEventsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  branchId!: string;

  @Field({
    defaultValue: false,
    description: 'Events that are over, most recent first (default: the rest, soonest first).',
  })
  @IsBoolean()
  past!: boolean;
}

const IDEMPOTENCY_KEY = {
  nullable: true,
  description:
    'A UUID the client makes for this check-in; sent again (a retry, an offline queue replayed) it is the same check-in and gets the same answer.',
};

@ArgsType()
export class CheckInArgs {
  @Field(() => ID)
  @IsUUID()
  rsvpId!: string;

  @Field(() => ID, IDEMPOTENCY_KEY)
  @IsOptional()
  @IsUUID()
  idempotencyKey?: string | null;
}

@ArgsType()
export class CheckInByCodeArgs {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field({ description: 'The code from the QR of the RSVP email (after `#code=` in its link).' })
  @Length(1, 200)
  code!: string;

  @Field(() => ID, IDEMPOTENCY_KEY)
  @IsOptional()
  @IsUUID()
  idempotencyKey?: string | null;
}

@ArgsType()
export class WalkInArgs {
  @Field(() => RsvpInput)
  @ValidateNested()
  @Type(() => RsvpInput)
  input!: RsvpInput;

  @Field(() => ID, IDEMPOTENCY_KEY)
  @IsOptional()
  @IsUUID()
  idempotencyKey?: string | null;
}

import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { asPostcode, ConnectionArgs, isGiven, POSTCODE_FORMAT, trimmed } from '@app/core';
import { PLEDGE_STATUSES, PledgeStatus } from '../pledge.entity';
import { PledgeStatusEnum, VenueKindEnum } from '../pledge.model';
import { VENUE_KINDS, VenueKind } from '../venue.entity';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@InputType()
export class VenueInput {
  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  name!: string;

  @Field(() => VenueKindEnum)
  @IsIn(VENUE_KINDS)
  kind!: VenueKind;

  @Field()
  @Transform(trimmed)
  @Length(1, 500)
  address!: string;

  @Field()
  @Transform(asPostcode)
  @Matches(POSTCODE_FORMAT, { message: 'postcode must be a UK postcode, like EH1 1AA' })
  postcode!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @MaxLength(100)
  licenceNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The venue’s public contact address, which campaigns may write to (not a personal one).',
  })
  @Transform(trimmed)
  @IsOptional()
  @MaxLength(320)
  @IsEmail({}, { message: 'publicEmail must be an email address' })
  publicEmail?: string | null;
}

@InputType()
export class VenueOwnerInput {
  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  fullName!: string;

  @Field()
  @Transform(trimmed)
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field({ description: 'Their role at the venue, e.g. "owner" or "general manager".' })
  @Transform(trimmed)
  @Length(1, 100)
  role!: string;
}

@InputType()
export class RegisterVenuePledgeInput {
  @Field(() => VenueInput)
  @ValidateNested()
  @Type(() => VenueInput)
  venue!: VenueInput;

  @Field(() => VenueOwnerInput)
  @ValidateNested()
  @Type(() => VenueOwnerInput)
  owner!: VenueOwnerInput;

  @Field(() => [String], { description: 'Codes from `pledgeCommitments`.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: 'each commitment must be a code from the catalogue' })
  commitments!: string[];

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  notes: string = '';
}

@InputType()
export class UpdateVenueInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(1, 500)
  address?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  licenceNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(320)
  @IsEmail({}, { message: 'publicEmail must be an email address' })
  publicEmail?: string | null;
}

@InputType()
export class ChangeCommitmentsInput {
  @Field(() => ID, { description: 'The pledge.' })
  @IsUUID()
  id!: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: 'each commitment must be a code from the catalogue' })
  commitments!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  notes?: string | null;
}

@InputType()
export class CommitmentInput {
  @Field()
  @Matches(CODE, { message: 'code must be lower-case words joined by hyphens' })
  @Length(2, 60)
  code!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  title!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 2000)
  description!: string;

  @Field({ defaultValue: 0 })
  @IsInt()
  sortOrder: number = 0;
}

@ArgsType()
export class PledgesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Required for organisers; admins may leave it out.' })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;

  @Field(() => PledgeStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(PLEDGE_STATUSES)
  status?: PledgeStatus | null;
}

@ArgsType()
export class PledgedVenuesArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 60)
  branchSlug?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CODE)
  commitment?: string | null;

  @Field(() => VenueKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(VENUE_KINDS)
  kind?: VenueKind | null;
}

@ArgsType()
export class DecisionArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  note: string = '';
}

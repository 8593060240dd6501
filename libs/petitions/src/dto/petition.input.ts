import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ConnectionArgs, isGiven, normalisePostcode, trimmed } from '@app/core';
import { PETITION_STATUSES, PetitionStatus } from '../petition.entity';
import { PetitionStatusEnum } from '../petition.model';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@InputType()
export class CreatePetitionInput {
  @Field()
  @Transform(trimmed)
  @Length(3, 200)
  title!: string;

  @Field({ description: 'Lower-case words joined by hyphens; the petition’s address.' })
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @Length(3, 80)
  slug!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 500)
  summary!: string;

  @Field()
  @Length(1, 20_000)
  body!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  targetName!: string;

  @Field(() => ID, { nullable: true, description: 'Leave out for a national petition (admins only).' })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  goal!: number;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  closesAt?: Date | null;
}

@InputType()
export class UpdatePetitionInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(3, 200)
  title?: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(1, 500)
  summary?: string;

  @Field(() => String, { nullable: true })
  @ValidateIf(isGiven)
  @Length(1, 20_000)
  body?: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(1, 200)
  targetName?: string;

  @Field(() => Int, { nullable: true })
  @ValidateIf(isGiven)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  goal?: number;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  closesAt?: Date | null;
}

@ArgsType()
export class PetitionsArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only this branch; leave out for all (national included).',
  })
  @IsOptional()
  @Length(1, 60)
  branchSlug?: string | null;

  @Field(() => PetitionStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(PETITION_STATUSES)
  status?: PetitionStatus | null;
}

@ArgsType()
export class BranchPetitionsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  branchId!: string;

  @Field(() => PetitionStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(PETITION_STATUSES)
  status?: PetitionStatus | null;
}

@ArgsType()
export class ActivityArgs {
  @Field(() => ID)
  @IsUUID()
  branchId!: string;

  @Field(() => Int, { defaultValue: 28, description: 'How many days back, today included: 1 to 366.' })
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 28;
}

@InputType()
export class SignPetitionInput {
  @Field()
  @Length(1, 80)
  petitionSlug!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  fullName!: string;

  @Field()
  @Transform(trimmed)
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normalisePostcode(value) ?? value) : value,
  )
  @Matches(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/, { message: 'postcode must be a UK postcode, like EH1 1AA' })
  postcode!: string;

  @Field({
    description: 'Campaign email, in the words of `emailConsent`. Signing alone never opts anyone in.',
  })
  @IsBoolean()
  emailOptIn!: boolean;

  @Field({ defaultValue: false, description: 'Show my first name and postcode district with the petition.' })
  @IsBoolean()
  showName: boolean = false;
}

@ArgsType()
export class DeliveredArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field()
  @IsDate()
  deliveredAt!: Date;

  @Field({ defaultValue: '' })
  @MaxLength(2000)
  note: string = '';
}

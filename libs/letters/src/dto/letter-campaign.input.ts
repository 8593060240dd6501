import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsInt,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { asPostcode, ConnectionArgs, isGiven, POSTCODE_FORMAT, POSTCODE_MESSAGE, trimmed } from '@app/core';
import { NEAR_COPY_HANDLINGS, NearCopyHandling, Targeting, TARGETINGS } from '../letter-campaign.entity';
import { NearCopiesEnum, TargetingEnum } from '../letter-campaign.model';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@InputType()
export class CreateLetterCampaignInput {
  @Field()
  @Transform(trimmed)
  @Length(3, 200)
  title!: string;

  @Field({ description: 'Lower-case words joined by hyphens; the campaign’s address.' })
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @Length(3, 80)
  slug!: string;

  @Field(() => ID, { nullable: true, description: 'Leave out for a national campaign (admins only).' })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;

  @Field(() => TargetingEnum)
  @IsIn(TARGETINGS)
  targeting!: Targeting;

  @Field(() => [ID], { nullable: true, description: 'The recipients of a SELECTED_TARGETS campaign.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  targetIds?: string[] | null;

  @Field()
  @Length(1, 300)
  subjectTemplate!: string;

  @Field()
  @Length(1, 20_000)
  bodyTemplate!: string;

  @Field({ defaultValue: false })
  @IsBoolean()
  requirePersonalisation!: boolean;

  @Field(() => NearCopiesEnum, { defaultValue: 'DELIVER' })
  @ValidateIf(isGiven)
  @IsIn(NEAR_COPY_HANDLINGS)
  nearCopies?: NearCopyHandling;

  @Field(() => Float, { defaultValue: 0.8 })
  @ValidateIf(isGiven)
  @Min(0.1)
  @Max(1)
  nearCopyThreshold?: number;
}

@InputType()
export class UpdateLetterCampaignInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(3, 200)
  title?: string;

  @Field(() => TargetingEnum, { nullable: true })
  @ValidateIf(isGiven)
  @IsIn(TARGETINGS)
  targeting?: Targeting;

  @Field(() => [ID], { nullable: true })
  @ValidateIf(isGiven)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  targetIds?: string[];

  @Field(() => String, { nullable: true })
  @ValidateIf(isGiven)
  @Length(1, 300)
  subjectTemplate?: string;

  @Field(() => String, { nullable: true })
  @ValidateIf(isGiven)
  @Length(1, 20_000)
  bodyTemplate?: string;

  @Field(() => Boolean, { nullable: true })
  @ValidateIf(isGiven)
  @IsBoolean()
  requirePersonalisation?: boolean;

  @Field(() => NearCopiesEnum, { nullable: true })
  @ValidateIf(isGiven)
  @IsIn(NEAR_COPY_HANDLINGS)
  nearCopies?: NearCopyHandling;

  @Field(() => Float, { nullable: true })
  @ValidateIf(isGiven)
  @Min(0.1)
  @Max(1)
  nearCopyThreshold?: number;
}

@InputType()
export class WriteLettersInput {
  @Field()
  @Length(1, 80)
  campaignSlug!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  fullName!: string;

  @Field()
  @Transform(trimmed)
  @IsEmail()
  @Length(3, 254)
  email!: string;

  @Field()
  @Transform(asPostcode)
  @Matches(POSTCODE_FORMAT, { message: POSTCODE_MESSAGE })
  postcode!: string;

  @Field({ description: 'The campaign’s subject as the supporter left it; placeholders allowed.' })
  @Length(1, 300)
  subject!: string;

  @Field({ description: 'The campaign’s body as the supporter personalised it; placeholders allowed.' })
  @Length(1, 20_000)
  body!: string;

  @Field({ description: 'Campaign email as well: recorded as consent once they confirm.' })
  @IsBoolean()
  emailOptIn!: boolean;
}

@ArgsType()
export class BranchLetterCampaignsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  branchId!: string;
}

@ArgsType()
export class LetterActivityArgs {
  @Field(() => ID)
  @IsUUID()
  branchId!: string;

  @Field(() => Int, { defaultValue: 28, description: 'How many days back, today included: 1 to 366.' })
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 28;
}

/** Templates being typed: checked by the same rules as a save, nothing stored. */
@ArgsType()
export class TemplateCheckArgs {
  @Field({ defaultValue: '' })
  @MaxLength(300)
  subjectTemplate!: string;

  @Field({ defaultValue: '' })
  @MaxLength(20_000)
  bodyTemplate!: string;
}

import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { normalisePostcode } from '@app/core';

export const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** Normalises a valid postcode ("eh1 1aa" → "EH1 1AA"); leaves anything else for the check to refuse. */
export const asPostcode = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (normalisePostcode(value) ?? value) : value;
export const POSTCODE_FORMAT = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;
export const POSTCODE_MESSAGE = 'postcode must be a UK postcode, like EH1 1AA';

@InputType()
export class JoinCampaignInput {
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
  @Transform(asPostcode)
  @Matches(POSTCODE_FORMAT, { message: POSTCODE_MESSAGE })
  postcode!: string;

  @Field({ description: 'Whether they agreed to campaign email, in the words of `emailConsent`.' })
  @IsBoolean()
  emailOptIn!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The branch to join; without it, the branch covering the postcode (if any).',
  })
  @Transform(trimmed)
  @IsOptional()
  @Length(1, 60)
  branchSlug?: string | null;
}

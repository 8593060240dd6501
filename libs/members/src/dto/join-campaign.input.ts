import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { asPostcode, POSTCODE_FORMAT, POSTCODE_MESSAGE, trimmed } from '@app/core';

/** Normalises a valid postcode ("eh1 1aa" → "EH1 1AA"); leaves anything else for the check to refuse. */

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

import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsOptional, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { trimmed } from '@app/core';

const eachString =
  (change: (text: string) => string) =>
  ({ value }: { value: unknown }): unknown =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? change(v.trim()) : v)) : value;
const lowerCaseAll = eachString((text) => text.toLowerCase());
const upperCaseAll = eachString((text) => text.toUpperCase());

@InputType({ description: 'Who gets it, within the people campaign email may go to.' })
export class MailingAudienceInput {
  @Field(() => [String], { nullable: true, description: 'People with all of these tags.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Transform(lowerCaseAll)
  @Length(1, 50, { each: true })
  tags?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'People with at least one of these tags.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Transform(lowerCaseAll)
  @Length(1, 50, { each: true })
  anyTags?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'People who joined after this.' })
  @IsOptional()
  @IsDate()
  joinedAfter?: Date | null;

  @Field(() => [String], { nullable: true, description: 'Postcode areas, such as "DD" or "G".' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Transform(upperCaseAll)
  @Matches(/^[A-Z]{1,2}$/, { each: true, message: 'postcodeAreas must be postcode areas such as DD or G' })
  postcodeAreas?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'People going to this event (of the branch).' })
  @IsOptional()
  @IsUUID()
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Confirmed signers of this petition who opted in.' })
  @IsOptional()
  @IsUUID()
  petitionId?: string | null;
}

@InputType()
export class CreateMailingInput {
  @Field(() => ID, { nullable: true, description: 'Leave out for a national mailing (admins only).' })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;

  @Field({ description: 'May use {{member.firstName}}, {{member.fullName}}, {{branch.name}}.' })
  @Transform(trimmed)
  @Length(1, 200)
  subject!: string;

  @Field({ description: 'Markdown (no HTML), with the same placeholders as the subject.' })
  @Length(1, 50_000)
  body!: string;

  @Field(() => MailingAudienceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MailingAudienceInput)
  audience?: MailingAudienceInput | null;
}

@InputType({ description: 'Drafts and scheduled mailings only; what is left out stays as it was.' })
export class UpdateMailingInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @Length(1, 200)
  subject?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50_000)
  body?: string | null;

  @Field(() => MailingAudienceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MailingAudienceInput)
  audience?: MailingAudienceInput | null;
}

import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { trimmed } from '@app/core';

const POSTCODE_AREA = /^[A-Z]{1,2}(\d[A-Z\d]?)?$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const upperTrimmed = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((item) =>
        typeof item === 'string' ? item.trim().toUpperCase().replace(/\s+/g, '') : item,
      )
    : value;

@InputType()
export class CreateBranchInput {
  @Field({ description: 'Lower-case letters, digits and hyphens, e.g. "west-lothian".' })
  @Transform(trimmed)
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @Length(2, 60)
  slug!: string;

  @Field()
  @Transform(trimmed)
  @Length(2, 100)
  name!: string;

  @Field(() => [String], { defaultValue: [] })
  @Transform(upperTrimmed)
  @ArrayMaxSize(200)
  @Matches(POSTCODE_AREA, { each: true, message: 'each postcode area must look like "DD" or "KY16"' })
  postcodeAreas!: string[];

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @IsEmail()
  contactEmail?: string | null;
}

@InputType()
export class UpdateBranchInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @Length(2, 60)
  slug?: string;

  @Field({ nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @Length(2, 100)
  name?: string;

  @Field(() => [String], { nullable: true })
  @Transform(upperTrimmed)
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(POSTCODE_AREA, { each: true, message: 'each postcode area must look like "DD" or "KY16"' })
  postcodeAreas?: string[];

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @IsEmail()
  contactEmail?: string | null;
}

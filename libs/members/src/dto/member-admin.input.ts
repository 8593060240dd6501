import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEmail,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { asPostcode, ConnectionArgs, isGiven, POSTCODE_FORMAT, POSTCODE_MESSAGE, trimmed } from '@app/core';

const TAG = /^[a-z0-9][a-z0-9 _-]{0,39}$/;
const lowerTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t))
    : value;

@InputType()
export class MemberFilter {
  @Field(() => String, { nullable: true, description: 'Part of a name or email address.' })
  @Transform(trimmed)
  @IsOptional()
  @Length(1, 100)
  search?: string | null;

  @Field(() => String, { nullable: true })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsOptional()
  @Matches(TAG, { message: 'tag must be lower-case letters, digits, spaces, "-" or "_"' })
  tag?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Opted in to campaign email and confirmed the address.',
  })
  @IsOptional()
  @IsBoolean()
  optedIn?: boolean | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  joinedAfter?: Date | null;

  @Field(() => Boolean, { defaultValue: false })
  @IsBoolean()
  includeArchived: boolean = false;
}

@ArgsType()
export class MembersArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Required for organisers; admins may leave it out for every branch.',
  })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;

  @Field(() => MemberFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MemberFilter)
  filter?: MemberFilter | null;
}

@InputType()
export class CreateMemberInput {
  @Field()
  @Transform(trimmed)
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field()
  @Transform(trimmed)
  @Length(1, 200)
  fullName!: string;

  @Field(() => String, { nullable: true })
  @Transform(asPostcode)
  @IsOptional()
  @Matches(POSTCODE_FORMAT, { message: POSTCODE_MESSAGE })
  postcode?: string | null;

  @Field(() => ID)
  @IsUUID()
  branchId!: string;

  @Field({ description: 'Only true if the person agreed to campaign email in the words of `emailConsent`.' })
  @IsBoolean()
  emailOptIn!: boolean;
}

@InputType()
export class UpdateMemberInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @ValidateIf(isGiven)
  @Length(1, 200)
  fullName?: string;

  @Field(() => String, { nullable: true })
  @Transform(asPostcode)
  @IsOptional()
  @Matches(POSTCODE_FORMAT, { message: POSTCODE_MESSAGE })
  postcode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Move to another branch (you must organise both).' })
  @ValidateIf(isGiven)
  @IsUUID()
  branchId?: string;

  @Field(() => Boolean, { nullable: true })
  @ValidateIf(isGiven)
  @IsBoolean()
  emailOptIn?: boolean;
}

@InputType()
export class TagMembersInput {
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID(undefined, { each: true })
  memberIds!: string[];

  @Field(() => [String])
  @Transform(lowerTags)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag must be lower-case letters, digits, spaces, "-" or "_"' })
  tags!: string[];
}

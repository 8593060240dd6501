import { Field, ID, InputType } from '@nestjs/graphql';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsIn,
  IsOptional,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
  ValidationError,
  validateSync,
} from 'class-validator';
import { BadUserInputError, trimmed } from '@app/core';
import { REPLIED, Replied, Stance, STANCES } from '../letter-questionnaire.entity';
import { RepliedEnum, StanceEnum } from '../advocacy.model';
import { REPLY_TEXT_MAX } from '../letter-questionnaires.service';

@InputType()
export class LetterQuestionnaireAnswerInput {
  @Field(() => ID, { description: 'One of the people the supporter wrote to.' })
  @IsUUID()
  targetId!: string;

  @Field(() => RepliedEnum)
  @IsIn(REPLIED)
  replied!: Replied;

  @Field(() => StanceEnum, { nullable: true, description: 'What they said; only with YES.' })
  @IsOptional()
  @IsIn(STANCES)
  stance?: Stance | null;

  @Field(() => String, {
    nullable: true,
    description: 'The reply’s words, if the supporter chooses to share them (never public); only with YES.',
  })
  @IsOptional()
  @MaxLength(REPLY_TEXT_MAX)
  replyText?: string | null;
}

@InputType()
export class RecordTargetStanceInput {
  @Field(() => ID)
  @IsUUID()
  targetId!: string;

  @Field(() => ID)
  @IsUUID()
  campaignId!: string;

  @Field(() => StanceEnum)
  @IsIn(STANCES)
  stance!: Stance;

  @Field({ description: 'Where it was stated: a reply, a debate, a vote, a link.' })
  @Transform(trimmed)
  @Length(1, 500)
  source!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;

  @Field(() => Date)
  @IsDate()
  statedAt!: Date;
}

/** `answerLetterQuestionnaire`'s list: the global pipe does not look inside list arguments. */
class LetterQuestionnaireAnswers {
  @ValidateNested({ each: true })
  @Type(() => LetterQuestionnaireAnswerInput)
  @ArrayMaxSize(50)
  answers!: LetterQuestionnaireAnswerInput[];
}

/** The answers validated as the global pipe would (BAD_USER_INPUT naming each field), as instances. */
export function validAnswers(answers: unknown[]): LetterQuestionnaireAnswerInput[] {
  const checked = plainToInstance(LetterQuestionnaireAnswers, { answers });
  const problems = validateSync(checked, { whitelist: true, forbidUnknownValues: true }).flatMap((e) =>
    flatten(e, ''),
  );
  if (problems.length > 0) {
    throw new BadUserInputError(
      `Please check: ${[...new Set(problems.map((p) => p.field))].join(', ')}.`,
      problems,
    );
  }
  return checked.answers;
}

function flatten(error: ValidationError, prefix: string): Array<{ field: string; message: string }> {
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  return [
    ...Object.values(error.constraints ?? {}).map((message) => ({ field, message })),
    ...(error.children ?? []).flatMap((child) => flatten(child, field)),
  ];
}

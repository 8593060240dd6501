import { BadUserInputError, ConflictError, ForbiddenError } from '@app/core';
import type { LetterCampaignStatus } from './letter-campaign.entity';

/** What is wrong with a subject or body's placeholders (the services turn it into BAD_USER_INPUT). */
export class LetterTemplateError extends Error {}

/** Writing under a campaign that is a draft or closed. */
export class LetterCampaignNotOpenError extends BadUserInputError {
  constructor() {
    super(
      'This letter campaign is not open.',
      [{ field: 'campaignSlug', message: 'is not open' }],
      'CAMPAIGN_NOT_OPEN',
    );
  }
}

/** A closed campaign stays as it was. */
export class LetterCampaignClosedError extends ConflictError {
  constructor() {
    super('A closed letter campaign cannot be changed.', 'CAMPAIGN_CLOSED');
  }
}

/** DRAFT → OPEN → CLOSED, one step at a time. */
export class LetterCampaignStepError extends ConflictError {
  constructor(from: LetterCampaignStatus, to: LetterCampaignStatus, now: LetterCampaignStatus) {
    super(`Only a ${from} letter campaign can become ${to}; this one is ${now}.`, 'INVALID_STEP');
  }
}

/** Organisers start campaigns for their branches; admins national ones. */
export class LetterCampaignScopeError extends ForbiddenError {
  constructor(national: boolean) {
    super(
      national
        ? 'National letter campaigns are for admins.'
        : 'You can start letter campaigns only for branches you organise.',
      'NOT_YOUR_BRANCH',
    );
  }
}

/** A campaign's figures are for those who manage it. */
export class LetterCampaignFiguresError extends ForbiddenError {
  constructor() {
    super('Letter campaign figures are for its organisers.', 'NOT_YOUR_BRANCH');
  }
}

/** A campaign's subject or body with a broken or unknown placeholder (letter-template.ts). */
export class CampaignTemplateError extends BadUserInputError {
  constructor(problems: Array<{ field: string; message: string }>) {
    super(`The template ${problems[0].message}.`, problems, 'TEMPLATE_NOT_ACCEPTED');
  }
}

/** The supporter's own subject or body with a broken or unknown placeholder. */
export class WrittenTemplateError extends BadUserInputError {
  constructor(field: 'subject' | 'body', message: string) {
    super(`Your ${field} ${message}.`, [{ field, message }], 'TEMPLATE_NOT_ACCEPTED');
  }
}

/** Names are checked before anything is stored (nameProblem). */
export class WriterNameError extends BadUserInputError {
  constructor(problem: string) {
    super(`Your name ${problem}.`, [{ field: 'fullName', message: problem }], 'NAME_NOT_ACCEPTED');
  }
}

/** The campaign asks for the letter in the supporter's own words, and it is the campaign's text. */
export class PersonalisationRequiredError extends BadUserInputError {
  constructor() {
    super(
      'This campaign asks you to put the letter in your own words: please change or add to the text before sending.',
      [{ field: 'body', message: 'is the campaign’s text unchanged' }],
      'PERSONALISATION_REQUIRED',
    );
  }
}

/** Nobody to write to for the postcode: no MSPs imported for it, or no active selected targets. */
export class NoRecipientsError extends BadUserInputError {
  constructor() {
    super(
      'There is no one to write to for that postcode yet.',
      [{ field: 'postcode', message: 'has no recipients for this campaign' }],
      'NO_RECIPIENTS',
    );
  }
}

/** An answer to the "did you get a reply?" questionnaire that cannot be recorded as given. */
export class QuestionnaireAnswerError extends BadUserInputError {
  constructor(problems: Array<{ field: string; message: string }>) {
    super(`Your answer ${problems[0].message}.`, problems, 'ANSWER_NOT_ACCEPTED');
  }
}

/** Stances are recorded by the campaign's organisers (admins for national campaigns). */
export class StanceScopeError extends ForbiddenError {
  constructor() {
    super('Stances on a letter campaign are recorded by its organisers.', 'NOT_YOUR_BRANCH');
  }
}

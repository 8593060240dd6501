import { BadUserInputError, ConflictError, ForbiddenError, InvalidLinkError } from '@app/core';
import { MailingStatus } from './mailing.entity';

/** A step the mailing's state does not allow (sending a SENT one, resuming one that is not PAUSED). */
export class MailingStateError extends ConflictError {
  constructor(step: string, status: MailingStatus) {
    super(`A ${status} mailing cannot be ${step}.`, 'INVALID_STEP');
  }
}

/** An unsubscribe link that is not one we sent (or whose mailing is gone): the one link error. */
export function invalidUnsubscribeLink(): InvalidLinkError {
  return new InvalidLinkError({
    message: 'This unsubscribe link is not valid. You can still unsubscribe from any campaign email we send.',
  });
}

/**
 * A problem with what an organiser wrote, with the input field it is in (mailing-body.ts, pure:
 * the service turns it into MailingContentNotAcceptedError).
 */
export class MailingContentError extends Error {
  constructor(
    readonly field: 'subject' | 'body',
    message: string,
  ) {
    super(message);
  }
}

/** A subject or body with raw HTML, or unknown or broken placeholders, is refused when saved. */
export class MailingContentNotAcceptedError extends BadUserInputError {
  constructor(problem: MailingContentError) {
    super(
      `The ${problem.field} ${problem.message}.`,
      [{ field: problem.field, message: problem.message }],
      'MAILING_CONTENT_NOT_ACCEPTED',
    );
  }
}

/** Writing a mailing for a branch one does not organise, or a national one without being an admin. */
export class MailingScopeError extends ForbiddenError {
  constructor(national: boolean) {
    super(
      national
        ? 'National mailings are for admins.'
        : 'You can write mailings only for branches you organise.',
      'NOT_YOUR_BRANCH',
    );
  }
}

/** Listing the mailings of a branch one does not organise. */
export class MailingListScopeError extends ForbiddenError {
  constructor() {
    super('You can see mailings only of branches you organise.', 'NOT_YOUR_BRANCH');
  }
}

/** A mailing's figures are for those who manage it. */
export class MailingFiguresScopeError extends ForbiddenError {
  constructor() {
    super('Mailing figures are for its organisers.', 'NOT_YOUR_BRANCH');
  }
}

/** A schedule must be in the future (sending now is `sendMailing`). */
export class MailingSendAtPastError extends BadUserInputError {
  constructor() {
    super(
      'Choose a time in the future, or send it now.',
      [{ field: 'sendAt', message: 'must be in the future' }],
      'SEND_AT_IN_PAST',
    );
  }
}

/** An event audience must be an event the organiser manages, of the mailing's branch. */
export class MailingAudienceEventError extends BadUserInputError {
  constructor() {
    super(
      'That event is not one of the branch’s.',
      [{ field: 'audience.eventId', message: 'must be an event of the mailing’s branch' }],
      'AUDIENCE_EVENT_NOT_ALLOWED',
    );
  }
}

/** A petition audience must be a petition of the mailing's branch, or a national one. */
export class MailingAudiencePetitionError extends BadUserInputError {
  constructor() {
    super(
      'That petition is not the branch’s or a national one.',
      [
        {
          field: 'audience.petitionId',
          message: 'must be a petition of the mailing’s branch, or national',
        },
      ],
      'AUDIENCE_PETITION_NOT_ALLOWED',
    );
  }
}

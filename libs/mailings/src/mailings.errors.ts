import { ConflictError, InvalidLinkError } from '@app/core';
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

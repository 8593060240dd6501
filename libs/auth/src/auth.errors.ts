import { DomainError } from '@app/core';

/** Used, expired and unknown links get the same answer: nothing about which it was. */
export class InvalidSignInLinkError extends DomainError {
  constructor() {
    super(
      'UNAUTHENTICATED',
      'This sign-in link has expired or has already been used. Please ask for a new one.',
    );
  }
}

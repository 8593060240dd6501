import { BadUserInputError, ConflictError, ForbiddenError } from '@app/core';
import { PetitionStatus } from './petition.entity';

/** Signing a petition that is closed, delivered or past its closing date. */
export class PetitionNotOpenError extends BadUserInputError {
  constructor() {
    super(
      'This petition is not open for signatures.',
      [{ field: 'petitionSlug', message: 'is not open' }],
      'PETITION_NOT_OPEN',
    );
  }
}

/** A closed or delivered petition is kept as it was delivered. */
export class PetitionLockedError extends ConflictError {
  constructor() {
    super('A closed or delivered petition cannot be changed.', 'PETITION_LOCKED');
  }
}

/** Once people sign, the words they signed stay. */
export class PetitionWordingFixedError extends ConflictError {
  constructor() {
    super(
      'An open petition keeps its wording; only its closing date and a higher goal can change.',
      'PETITION_WORDING_FIXED',
    );
  }
}

/** A briefing links to the petition's public page: a draft has none yet. */
export class PetitionNotPublishedError extends ConflictError {
  constructor() {
    super('Open the petition before sending MSPs a briefing about it.', 'PETITION_NOT_PUBLISHED');
  }
}

/** DRAFT → OPEN → CLOSED → DELIVERED, one step at a time. */
export class PetitionStepError extends ConflictError {
  constructor(from: PetitionStatus, to: PetitionStatus, now: PetitionStatus) {
    super(`Only a ${from} petition can become ${to}; this one is ${now}.`, 'INVALID_STEP');
  }
}

export class PetitionScopeError extends ForbiddenError {
  constructor(national: boolean) {
    super(
      national
        ? 'National petitions are for admins.'
        : 'You can start petitions only for branches you organise.',
      'NOT_YOUR_BRANCH',
    );
  }
}

/** Names are checked before anything is stored (signer-rules.ts). */
export class SignerNameError extends BadUserInputError {
  constructor(problem: string) {
    super(`Your name ${problem}.`, [{ field: 'fullName', message: problem }], 'NAME_NOT_ACCEPTED');
  }
}

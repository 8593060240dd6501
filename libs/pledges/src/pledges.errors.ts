import { BadUserInputError, ConflictError, ForbiddenError } from '@app/core';
import type { PledgeStatus } from './pledge.entity';

/** Commitments a venue chose that are not (or no longer) in the catalogue. */
export class UnknownCommitmentsError extends BadUserInputError {
  constructor(unknown: string[]) {
    super(
      `Not in the catalogue: ${unknown.join(', ')}.`,
      [{ field: 'commitments', message: `unknown or retired: ${unknown.join(', ')}` }],
      'UNKNOWN_COMMITMENT',
    );
  }
}

/** A rejected pledge stays as it was decided; the venue registers again. */
export class PledgeRejectedError extends ConflictError {
  constructor() {
    super(
      'A rejected pledge cannot be changed; register the venue again if things have changed.',
      'PLEDGE_REJECTED',
    );
  }
}

/** Only a verified pledge (another year) or a lapsed one (back for verification) can be renewed. */
export class PledgeNotRenewableError extends ConflictError {
  constructor() {
    super('Only a verified or lapsed pledge can be renewed.', 'NOT_RENEWABLE');
  }
}

/** A decision the pledge's state does not allow (only SUBMITTED ones are decided; rejecting also CHANGES_REQUESTED). */
export class PledgeStepError extends ConflictError {
  constructor(now: PledgeStatus, outcome: string) {
    super(`A ${now} pledge cannot become ${outcome}.`, 'INVALID_STEP');
  }
}

/** Rejecting or asking for changes says why. */
export class DecisionNoteRequiredError extends BadUserInputError {
  constructor() {
    super('Tell the venue why.', [{ field: 'note', message: 'is required' }], 'NOTE_REQUIRED');
  }
}

/** Organisers see the pledges of their branches; admins all. */
export class PledgeScopeError extends ForbiddenError {
  constructor() {
    super('You can see only the pledges of branches you organise.', 'NOT_YOUR_BRANCH');
  }
}

/** Nobody decides on a venue they registered (by any form of their address). */
export class OwnPledgeError extends ForbiddenError {
  constructor() {
    super('Another organiser must decide on a pledge you registered.', 'OWN_PLEDGE');
  }
}

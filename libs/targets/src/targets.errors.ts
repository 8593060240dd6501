import { BadUserInputError, ForbiddenError } from '@app/core';

/** A postcode that is not in the form of a UK postcode. */
export class NotAPostcodeError extends BadUserInputError {
  constructor() {
    super(
      'That is not a UK postcode.',
      [{ field: 'postcode', message: 'is not a UK postcode' }],
      'NOT_A_POSTCODE',
    );
  }
}

/** A UK postcode that cannot be placed in a Scottish Parliament constituency of the active set. */
export class PostcodeNotRecognisedError extends BadUserInputError {
  constructor() {
    super(
      'We cannot place that postcode in a Scottish Parliament constituency.',
      [{ field: 'postcode', message: 'is not a Scottish postcode we know' }],
      'POSTCODE_NOT_RECOGNISED',
    );
  }
}

/** Postcodes and MSPs are placed in the active geography set, and there is none. */
export class NoActiveGeographySetError extends BadUserInputError {
  constructor() {
    super(
      'No geography set is active: import one and activate it (--activate, or activate=true), or name a set.',
      [{ field: 'set', message: 'no geography set is active' }],
      'NO_ACTIVE_GEOGRAPHY_SET',
    );
  }
}

/** An import names a geography set that has not been imported. */
export class UnknownGeographySetError extends BadUserInputError {
  constructor(name: string) {
    super(
      `There is no geography set "${name}".`,
      [{ field: 'set', message: 'no such geography set' }],
      'UNKNOWN_GEOGRAPHY_SET',
    );
  }
}

/** The list of targets (with their delivery status) is for admins. */
export class TargetsAdminsOnlyError extends ForbiddenError {
  constructor() {
    super('The list of targets is for admins.', 'ADMINS_ONLY');
  }
}

import { BadUserInputError, ConflictError, ForbiddenError } from '@app/core';

/** An ADMIN role has no branch; an ORGANISER role has exactly one. */
export class RoleScopeError extends BadUserInputError {
  constructor(role: string) {
    super(
      role === 'ADMIN'
        ? 'An ADMIN role covers every branch: leave branchId empty.'
        : 'An ORGANISER role needs the branch they organise: give branchId.',
      [
        {
          field: 'branchId',
          message: role === 'ADMIN' ? 'must be empty for ADMIN' : 'is required for ORGANISER',
        },
      ],
      'ROLE_SCOPE',
    );
  }
}

/** The installation must always have someone to manage it. */
export class LastAdminError extends ConflictError {
  constructor() {
    super('This is the last admin. Make someone else an admin first.', 'LAST_ADMIN');
  }
}

/**
 * The branch already holds this address. Said only of the caller's own branch: whether the campaign
 * knows an address elsewhere is never told to a branch.
 */
export class MemberExistsError extends ConflictError {
  constructor() {
    super("This address is already one of the branch's members.", 'MEMBER_EXISTS');
  }
}

/** Its owner asked for their data to be erased: the address is never added again. */
export class AddressErasedError extends BadUserInputError {
  constructor() {
    super(
      'This address cannot be added: its owner asked us to erase their data.',
      [{ field: 'email', message: "was erased at its owner's request" }],
      'ADDRESS_ERASED',
    );
  }
}

/** A branch slug given on the public join form that names no branch. */
export class UnknownBranchError extends BadUserInputError {
  constructor() {
    super(
      'There is no branch with that name.',
      [{ field: 'branchSlug', message: 'is not a branch' }],
      'UNKNOWN_BRANCH',
    );
  }
}

/** Organisers work only with the members of the branches they organise (admins: all). */
export class MemberScopeError extends ForbiddenError {
  constructor(message: string) {
    super(message, 'NOT_YOUR_BRANCH');
  }
}

/** An import's first line must name at least the email and full_name columns. */
export class ImportColumnsMissingError extends BadUserInputError {
  constructor(missing: string[]) {
    super(
      `The first line must name the columns; missing: ${missing.join(', ')}.`,
      [{ field: 'header', message: `missing ${missing.join(', ')}` }],
      'IMPORT_COLUMNS_MISSING',
    );
  }
}

/** The uploaded file is not CSV at all (single bad lines are rejected one by one instead). */
export class ImportNotCsvError extends BadUserInputError {
  constructor(detail: string) {
    super(
      `The file could not be read as CSV: ${detail}`,
      [{ field: 'file', message: 'is not CSV' }],
      'IMPORT_NOT_CSV',
    );
  }
}

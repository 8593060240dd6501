import { BadUserInputError, ConflictError } from '@app/core';

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
    );
  }
}

export class LastAdminError extends ConflictError {
  constructor() {
    super('This is the last admin. Make someone else an admin first.');
  }
}

/**
 * The branch already holds this address. Said only of the caller's own branch: whether the campaign
 * knows an address elsewhere is never told to a branch.
 */
export class MemberExistsError extends ConflictError {
  constructor() {
    super("This address is already one of the branch's members.");
  }
}

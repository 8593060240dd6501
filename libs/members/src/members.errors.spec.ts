import {
  AddressErasedError,
  ImportColumnsMissingError,
  ImportNotCsvError,
  LastAdminError,
  MemberExistsError,
  MemberScopeError,
  RoleScopeError,
  UnknownBranchError,
} from './members.errors';

describe('members errors', () => {
  it.each([
    [new RoleScopeError('ADMIN'), 'BAD_USER_INPUT', 'ROLE_SCOPE'],
    [new LastAdminError(), 'CONFLICT', 'LAST_ADMIN'],
    [new MemberExistsError(), 'CONFLICT', 'MEMBER_EXISTS'],
    [new AddressErasedError(), 'BAD_USER_INPUT', 'ADDRESS_ERASED'],
    [new UnknownBranchError(), 'BAD_USER_INPUT', 'UNKNOWN_BRANCH'],
    [new MemberScopeError('No.'), 'FORBIDDEN', 'NOT_YOUR_BRANCH'],
    [new ImportColumnsMissingError(['email']), 'BAD_USER_INPUT', 'IMPORT_COLUMNS_MISSING'],
    [new ImportNotCsvError('Invalid Closing Quote'), 'BAD_USER_INPUT', 'IMPORT_NOT_CSV'],
  ])('%s has a stable code and reason', (error, code, reason) => {
    expect(error).toMatchObject({ code, reason });
  });
});

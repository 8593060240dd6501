import { Session, SignInToken } from '@app/auth';
import { Branch } from '@app/branches';
import { OutboxMessage } from '@app/mail';
import { ConsentRecord, Member, MemberRole, MemberToken } from '@app/members';

/** Every entity, for the migration runner and the drift check. Add a new library's entities here. */
export const ENTITIES = [
  Branch,
  Member,
  MemberRole,
  ConsentRecord,
  MemberToken,
  SignInToken,
  Session,
  OutboxMessage,
];

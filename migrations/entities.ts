import { Session, SignInToken } from '@app/auth';
import { Branch } from '@app/branches';
import { OutboxMessage } from '@app/mail';
import { Member, MemberRole } from '@app/members';

/** Every entity, for the migration runner and the drift check. Add a new library's entities here. */
export const ENTITIES = [Branch, Member, MemberRole, SignInToken, Session, OutboxMessage];

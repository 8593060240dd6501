import { EntityManager } from 'typeorm';
import { ConsentRepository } from './consent.repository';
import { MemberRepository } from './member.repository';

/**
 * Campaign email (mailings) and the member records it may go to. The rule lives here, with the
 * records, so every sender applies the same one (UK PECR: no soft opt-in for campaigns).
 */

/**
 * SQL conditions on the `member` table under `alias`: the person's own record (not a branch's
 * provisional one), opted in, address confirmed, not archived, not erased, not marked bouncing, and
 * the address not suppressed (erased before and kept only as a hash).
 */
export function campaignMailConditions(alias: string): string {
  return `${alias}.email_opt_in AND ${alias}.email_confirmed_at IS NOT NULL
    AND NOT ${alias}.provisional AND ${alias}.archived_at IS NULL AND ${alias}.erased_at IS NULL
    AND ${alias}.email_bouncing_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM suppression s
      WHERE s.email_hash = encode(sha256(convert_to(lower(btrim(${alias}.email::text)), 'UTF8')), 'hex'))`;
}

/**
 * A mail server refused the member's address outright: every record with that address stops
 * getting campaign email. In the caller's transaction.
 */
export async function markAddressBouncing(manager: EntityManager, memberId: string): Promise<void> {
  await new MemberRepository(manager.connection).markAddressBouncing(manager, memberId);
}

/**
 * The member leaves campaign email from a mailing's unsubscribe link: a consent change with source
 * "unsubscribe" and the mailing. A second use changes nothing. In the caller's transaction.
 */
export async function unsubscribeFromMailing(
  manager: EntityManager,
  memberId: string,
  mailingId: string,
): Promise<boolean> {
  const members = new MemberRepository(manager.connection);
  if (!(await members.update(manager, memberId, { emailOptIn: false }, { emailOptIn: true }))) {
    return false;
  }
  await new ConsentRepository().record(manager, {
    memberId,
    emailOptIn: false,
    source: 'unsubscribe',
    recordedById: null,
    mailingId,
  });
  return true;
}

/**
 * Where to tell a branch's organisers something (a national one's: the admins): their addresses,
 * leaving out erased and archived records.
 */
export async function organiserAddresses(
  manager: EntityManager,
  branchId: string | null,
): Promise<Array<{ email: string; fullName: string }>> {
  return new MemberRepository(manager.connection).reachableManagersOf(manager, branchId);
}

import { EntityManager } from 'typeorm';
import { generateToken, hashToken } from '@app/core';
import { MemberToken, MemberTokenPurpose } from './member-token.entity';

const LIFETIME_HOURS: Record<MemberTokenPurpose, number> = {
  'confirm-email': 7 * 24,
  'data-export': 24,
  erasure: 24,
  unsubscribe: 365 * 24,
  'link-reply': 30 * 24,
  'join-branch': 30 * 24,
};

/** When a link for `purpose` made now expires (an email carrying it is not sent after that). */
export function memberTokenExpiry(purpose: MemberTokenPurpose): Date {
  return new Date(Date.now() + LIFETIME_HOURS[purpose] * 3_600_000);
}

/** Creates a one-time link token for a member (stored hashed) and returns the raw token. */
export async function createMemberToken(
  manager: EntityManager,
  memberId: string,
  purpose: MemberTokenPurpose,
): Promise<string> {
  const token = generateToken();
  await manager.insert(MemberToken, {
    memberId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: memberTokenExpiry(purpose),
  });
  return token;
}

/**
 * The member behind a live token for this purpose, or null. `consume` marks it used (single use);
 * otherwise it stays valid until it expires (data downloads, unsubscribe links).
 */
export async function redeemMemberToken(
  manager: EntityManager,
  token: string,
  purpose: MemberTokenPurpose,
  consume: boolean,
): Promise<string | null> {
  const query = manager
    .createQueryBuilder()
    .update(MemberToken)
    .set(consume ? { usedAt: () => 'now()' } : { expiresAt: () => 'expires_at' })
    .where('token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()', {
      hash: hashToken(token),
      purpose,
    })
    .returning(['memberId']);
  const rows = (await query.execute()).raw as Array<{ member_id: string }>;
  return rows[0]?.member_id ?? null;
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MemberToken, MemberTokenPurpose } from './member-token.entity';

/**
 * A link token for each member in `from` (a CTE of new member rows) as a CTE named `token`, for a
 * statement of another repository's making; placeholders from `$first`.
 */
export function memberTokenInsertCte(
  values: { purpose: MemberTokenPurpose; tokenHash: string; expiresAt: Date },
  from: string,
  first: number,
): { cte: string; params: unknown[] } {
  return {
    cte: `token AS (
      INSERT INTO member_token (member_id, purpose, token_hash, expires_at)
      SELECT id, $${first}, $${first + 1}, $${first + 2}::timestamptz FROM ${from})`,
    params: [values.purpose, values.tokenHash, values.expiresAt],
  };
}

/** Every statement about the `member_token` table (one-time links; only hashes are kept). */
@Injectable()
export class MemberTokenRepository {
  async insert(
    manager: EntityManager,
    values: { memberId: string; purpose: MemberTokenPurpose; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await manager.insert(MemberToken, values);
  }

  /**
   * The member and purpose behind a live token for one of `purposes`, or null. `consume` marks it
   * used (once, whoever races); otherwise it stays as it is.
   */
  async redeem(
    manager: EntityManager,
    tokenHash: string,
    purposes: readonly MemberTokenPurpose[],
    consume: boolean,
  ): Promise<{ memberId: string; purpose: MemberTokenPurpose } | null> {
    const rows = (
      await manager
        .createQueryBuilder()
        .update(MemberToken)
        .set(consume ? { usedAt: () => 'now()' } : { expiresAt: () => 'expires_at' })
        .where(
          'token_hash = :hash AND purpose IN (:...purposes) AND used_at IS NULL AND expires_at > now()',
          {
            hash: tokenHash,
            purposes,
          },
        )
        .returning(['memberId', 'purpose'])
        .execute()
    ).raw as Array<{ member_id: string; purpose: MemberTokenPurpose }>;
    return rows[0] ? { memberId: rows[0].member_id, purpose: rows[0].purpose } : null;
  }

  /** Whether the member record has a live, unused token for one of `purposes`. */
  hasLive(
    manager: EntityManager,
    memberId: string,
    purposes: readonly MemberTokenPurpose[],
  ): Promise<boolean> {
    return manager
      .getRepository(MemberToken)
      .createQueryBuilder('t')
      .where(`t.member_id = :id AND t.purpose IN (:...purposes)`, { id: memberId, purposes })
      .andWhere('t.used_at IS NULL AND t.expires_at > now()')
      .getExists();
  }

  /**
   * Deletes links that can no longer be used (expired, or used once where that spends them): none
   * is ever read again. How many.
   */
  async deleteSpent(manager: EntityManager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM member_token WHERE expires_at <= now() OR used_at IS NOT NULL`,
    );
    return count;
  }

  async deleteFor(manager: EntityManager, memberId: string): Promise<void> {
    await manager.delete(MemberToken, { memberId });
  }
}

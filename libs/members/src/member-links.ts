import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { generateToken, hashToken } from '@app/core';
import { MemberTokenPurpose } from './member-token.entity';
import { MemberTokenRepository } from './member-token.repository';

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

/** One-time links mailed to members (confirm, download, erase, unsubscribe, "is this yours?"). */
@Injectable()
export class MemberLinks {
  constructor(private readonly tokens: MemberTokenRepository) {}

  /** Creates a link token for a member (stored hashed) and returns the raw token. */
  async create(manager: EntityManager, memberId: string, purpose: MemberTokenPurpose): Promise<string> {
    const token = generateToken();
    await this.tokens.insert(manager, {
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
  async redeem(
    manager: EntityManager,
    token: string,
    purpose: MemberTokenPurpose,
    consume: boolean,
  ): Promise<string | null> {
    return (await this.tokens.redeem(manager, hashToken(token), [purpose], consume))?.memberId ?? null;
  }
}

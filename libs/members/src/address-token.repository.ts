import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { generateToken, hashToken } from '@app/core';
import { AddressToken, AddressTokenPurpose } from './address-token.entity';

const LIFETIME_MS = 24 * 3_600_000;

/** Data-rights links tied to an address rather than a member record (stored hashed). */
@Injectable()
export class AddressTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** When a link made now expires (its email is not sent after that). */
  expiry(): Date {
    return new Date(Date.now() + LIFETIME_MS);
  }

  /** Creates a link token for the address and returns the raw token. */
  async create(manager: EntityManager, email: string, purpose: AddressTokenPurpose): Promise<string> {
    const token = generateToken();
    await manager.insert(AddressToken, {
      email,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: this.expiry(),
    });
    return token;
  }

  /** The address behind a live token for this purpose, or null; `consume` makes it single use. */
  async redeem(
    manager: EntityManager,
    token: string,
    purpose: AddressTokenPurpose,
    consume: boolean,
  ): Promise<string | null> {
    const rows = (
      await manager
        .createQueryBuilder()
        .update(AddressToken)
        .set(consume ? { usedAt: () => 'now()' } : { expiresAt: () => 'expires_at' })
        .where('token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()', {
          hash: hashToken(token),
          purpose,
        })
        .returning(['email'])
        .execute()
    ).raw as Array<{ email: string }>;
    return rows[0]?.email ?? null;
  }

  /** Every link for the address (on its erasure). */
  async deleteFor(manager: EntityManager, email: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(AddressToken)
      .where('lower(email) = lower(:email)', { email })
      .execute();
  }

  /** Links past their expiry (they hold an address): the retention job. Returns how many. */
  async deleteExpired(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(AddressToken)
      .where('expires_at < now()')
      .execute();
    return result.affected ?? 0;
  }
}

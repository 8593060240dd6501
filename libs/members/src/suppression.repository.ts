import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hashToken } from '@app/core';
import { Suppression } from './suppression.entity';

/** The key under which an erased address is suppressed: SHA-256 of the trimmed, lower-cased address. */
export function suppressionKey(email: string): string {
  return hashToken(email.trim().toLowerCase());
}

/**
 * Every statement about the `suppression` table: erased addresses, kept only as hashes so nothing
 * (an import, an organiser, a walk-in) brings their owners back.
 */
@Injectable()
export class SuppressionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the address was erased at its owner's request. */
  isSuppressed(email: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Suppression, { emailHash: suppressionKey(email) });
  }

  /** Of these addresses, the keys of those erased (one query for a whole import batch). */
  async suppressedKeys(manager: EntityManager, emails: string[]): Promise<Set<string>> {
    const rows = await manager.query<Array<{ email_hash: string }>>(
      'SELECT email_hash FROM suppression WHERE email_hash = ANY($1::text[])',
      [emails.map(suppressionKey)],
    );
    return new Set(rows.map((r) => r.email_hash));
  }

  /** Suppresses the address (once). */
  async add(manager: EntityManager, email: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Suppression)
      .values({ emailHash: suppressionKey(email) })
      .orIgnore()
      .execute();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The repeat guard's claim (as `RecentRequestRepository.claim` makes it) as a CTE named `claim`, for
 * a statement of another library's making that claims and does its first work in one round trip;
 * `key` and `windowSeconds` are that statement's placeholders for them (`$2`, …). The statement
 * reads `EXISTS (SELECT 1 FROM claim)`: true when the request is the first of its kind lately. The
 * SQL stays here, beside the table's other statements.
 */
export function repeatClaimCte(key: string, windowSeconds: string): string {
  return `claim AS (
    INSERT INTO recent_request (key, seen_at) VALUES (${key}, now())
    ON CONFLICT (key) DO UPDATE SET seen_at = now()
      WHERE recent_request.seen_at <= now() - make_interval(secs => ${windowSeconds})
    RETURNING key)`;
}

/** Every statement about the `recent_request` table (the repeat guard's memory). */
@Injectable()
export class RecentRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Notes `key` as seen now and says whether it was new (or last seen longer than `windowMs` ago).
   * Raw: one INSERT … ON CONFLICT … WHERE … RETURNING decides it atomically, and an identical key
   * inserted by a transaction still open waits for it (TypeORM's upsert cannot say this).
   */
  async claim(key: string, windowMs: number, manager?: EntityManager): Promise<boolean> {
    const [{ first }] = await this.manager(manager).query<Array<{ first: boolean }>>(
      `WITH ${repeatClaimCte('$1', '$2')} SELECT EXISTS (SELECT 1 FROM claim) AS first`,
      [key, windowMs / 1000],
    );
    return first;
  }

  /** Forgets one request, so an identical one goes ahead (its work failed after it was claimed). */
  async release(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM recent_request WHERE key = $1`, [key]);
  }

  /** Forgets keys older than the window. Raw: the database's clock, as `claim` uses. */
  async forgetOlderThan(windowMs: number, manager?: EntityManager): Promise<number> {
    const [, count] = await this.manager(manager).query<[unknown[], number]>(
      `DELETE FROM recent_request WHERE seen_at <= now() - make_interval(secs => $1)`,
      [windowMs / 1000],
    );
    return count;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

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
    const rows = await this.manager(manager).query<Array<{ key: string }>>(
      `INSERT INTO recent_request (key, seen_at) VALUES ($1, now())
       ON CONFLICT (key) DO UPDATE SET seen_at = now()
         WHERE recent_request.seen_at <= now() - make_interval(secs => $2)
       RETURNING key`,
      [key, windowMs / 1000],
    );
    return rows.length > 0;
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

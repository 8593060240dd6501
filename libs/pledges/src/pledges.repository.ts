import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Queries over pledges as a whole (retention); one pledge's rules live in PledgesService. */
@Injectable()
export class PledgeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Deletes venues whose pledge was never confirmed by its owner, registered more than `days` ago
   * (their pledge and its history go with them).
   */
  async deleteUnconfirmed(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM venue v USING pledge p
       WHERE p.venue_id = v.id AND p.status = 'AWAITING_CONFIRMATION'
         AND p.created_at < now() - make_interval(days => $1)`,
      [days],
    );
    return count;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { PledgeDecision } from './pledge-decision.entity';
import { Pledge, PledgeStatus } from './pledge.entity';
import { VenueKind } from './venue.entity';

/** Verified, current pledges counted by a key. */
export interface PledgeCount {
  key: string;
  count: number;
}

/** Every statement about the `pledge` and `pledge_decision` tables. */
@Injectable()
export class PledgeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  create(manager: EntityManager, values: Partial<Pledge>): Promise<Pledge> {
    return manager.save(manager.create(Pledge, values));
  }

  async update(manager: EntityManager, id: string, values: Partial<Pledge>): Promise<void> {
    await manager.update(Pledge, id, values);
  }

  /** The pledge with its venue. */
  withVenue(manager: EntityManager, id: string): Promise<Pledge> {
    return manager.findOneOrFail(Pledge, { where: { id }, relations: { venue: true } });
  }

  /** The venue's pledge, with the venue. */
  ofVenue(manager: EntityManager, venueId: string): Promise<Pledge> {
    return manager.findOneOrFail(Pledge, { where: { venueId }, relations: { venue: true } });
  }

  /** The pledge (with its venue), locked for the rest of `manager`'s transaction; null if none. */
  lock(manager: EntityManager, id: string): Promise<Pledge | null> {
    return manager.findOne(Pledge, {
      where: { id },
      relations: { venue: true },
      lock: { mode: 'pessimistic_write', tables: ['pledge'] },
    });
  }

  /** The pledge awaiting confirmation by that link (with its venue), locked; null if none. */
  lockAwaiting(manager: EntityManager, confirmTokenHash: string): Promise<Pledge | null> {
    return manager.findOne(Pledge, {
      where: { confirmTokenHash, status: 'AWAITING_CONFIRMATION' },
      relations: { venue: true },
      lock: { mode: 'pessimistic_write', tables: ['pledge'] },
    });
  }

  /** The pledges of these venues (a venue has one), for a data download. */
  ofVenues(manager: EntityManager, venueIds: readonly string[]): Promise<Pledge[]> {
    return manager.find(Pledge, { where: { venueId: In([...venueIds]) } });
  }

  /** The pledges of an owner's venues, oldest first. */
  ownedBy(ownerId: string): Promise<Pledge[]> {
    return this.dataSource.getRepository(Pledge).find({
      where: { venue: { ownerId } },
      relations: { venue: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** Pledges confirmed by their owners (with venues), by branch and status, for the keyset paginator. */
  listQuery(filter: { branchId?: string | null; status?: PledgeStatus | null }): SelectQueryBuilder<Pledge> {
    const query = this.dataSource
      .getRepository(Pledge)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.venue', 'v')
      .where(`p.status <> 'AWAITING_CONFIRMATION'`);
    if (filter.branchId) {
      query.andWhere('v.branch_id = :branchId', { branchId: filter.branchId });
    }
    if (filter.status) {
      query.andWhere('p.status = :status', { status: filter.status });
    }
    return query;
  }

  /** Verified, current pledges (with venues), by branch, kind and commitment, for the paginator. */
  directoryQuery(filter: {
    branchSlug?: string | null;
    kind?: VenueKind | null;
    commitment?: string | null;
  }): SelectQueryBuilder<Pledge> {
    const query = this.dataSource
      .getRepository(Pledge)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.venue', 'v')
      .where(`p.status = 'VERIFIED' AND p.expires_at > now()`);
    if (filter.branchSlug) {
      query.andWhere('v.branch_id = (SELECT id FROM branch WHERE slug = :slug)', { slug: filter.branchSlug });
    }
    if (filter.kind) {
      query.andWhere('v.kind = :kind', { kind: filter.kind });
    }
    if (filter.commitment) {
      query.andWhere(':commitment = ANY(p.commitments)', { commitment: filter.commitment });
    }
    return query;
  }

  /** The venue's verified, current pledge (with the venue), or null. */
  listedForVenue(venueId: string): Promise<Pledge | null> {
    return this.dataSource
      .getRepository(Pledge)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.venue', 'v')
      .where(`p.venue_id = :venueId AND p.status = 'VERIFIED' AND p.expires_at > now()`, { venueId })
      .getOne();
  }

  /** Verified, current pledges: how many, per branch slug ('none' outside any), per commitment. */
  async liveCounts(): Promise<{ count: number; byBranch: PledgeCount[]; byCommitment: PledgeCount[] }> {
    const live = `FROM pledge p JOIN venue v ON v.id = p.venue_id WHERE p.status = 'VERIFIED' AND p.expires_at > now()`;
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count ${live}`,
    );
    const byBranch = await this.dataSource.query<PledgeCount[]>(
      `SELECT coalesce(b.slug, 'none') AS key, count(*)::int AS count ${live.replace('WHERE', 'LEFT JOIN branch b ON b.id = v.branch_id WHERE')}
       GROUP BY key ORDER BY key`,
    );
    const byCommitment = await this.dataSource.query<PledgeCount[]>(
      `SELECT c AS key, count(*)::int AS count FROM pledge p, unnest(p.commitments) AS c
       WHERE p.status = 'VERIFIED' AND p.expires_at > now() GROUP BY c ORDER BY c`,
    );
    return { count, byBranch, byCommitment };
  }

  // ---- the yearly cycle ------------------------------------------------------------------------

  /**
   * Up to 500 verified pledges running out within `days` whose reminder (`reminded7_at` or
   * `reminded30_at`) has not gone, locked; those another run holds are skipped.
   */
  lockDueForReminder(manager: EntityManager, days: 7 | 30): Promise<Pledge[]> {
    const column = days === 7 ? 'reminded7_at' : 'reminded30_at';
    return manager
      .getRepository(Pledge)
      .createQueryBuilder('p')
      .where(`p.status = 'VERIFIED' AND p.${column} IS NULL`)
      .andWhere(`p.expires_at > now() AND p.expires_at <= now() + make_interval(days => :days)`, { days })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .limit(500)
      .getMany();
  }

  /** Verified pledges past their expiry become LAPSED; their ids. */
  async lapseExpired(manager: EntityManager): Promise<string[]> {
    const lapsed = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE pledge SET status = 'LAPSED', verified_at = NULL, updated_at = now()
       WHERE status = 'VERIFIED' AND expires_at <= now() RETURNING id`,
    );
    return lapsed[0].map((p) => p.id);
  }

  // ---- decisions -------------------------------------------------------------------------------

  /** Records a step in the pledge's history, with who took it. */
  async record(
    manager: EntityManager,
    decision: { pledgeId: string; action: string; actorId: string | null; note: string },
  ): Promise<void> {
    await manager.insert(PledgeDecision, decision);
  }

  /** The history of the pledges, oldest first. */
  history(pledgeIds: readonly string[], manager?: EntityManager): Promise<PledgeDecision[]> {
    return this.manager(manager).find(PledgeDecision, {
      where: { pledgeId: In([...pledgeIds]) },
      order: { createdAt: 'ASC' },
    });
  }

  // ---- personal data ---------------------------------------------------------------------------

  /** An erased owner's pledges are withdrawn (nobody stands behind them), except rejected ones. */
  async withdrawOwnedBy(manager: EntityManager, ownerId: string): Promise<void> {
    await manager.query(
      `UPDATE pledge SET status = 'LAPSED', verified_at = NULL, confirm_token_hash = NULL, notes = ''
       WHERE venue_id IN (SELECT id FROM venue WHERE owner_id = $1) AND status <> 'REJECTED'`,
      [ownerId],
    );
  }

  /** The notes an erased person wrote on decisions. */
  async eraseNotesBy(manager: EntityManager, actorId: string): Promise<void> {
    await manager.query(`UPDATE pledge_decision SET note = '' WHERE actor_id = $1`, [actorId]);
  }

  // ---- retention ----

  /**
   * Deletes venues whose pledge was never confirmed by its owner, registered more than `days` ago
   * (their pledge and its history go with them). The pledge is deleted first, so its row lock decides
   * a race with the owner confirming at that moment: PostgreSQL re-checks the status on the row it
   * locks, and a pledge confirmed meanwhile (and its venue) stays. Raw: a data-modifying CTE.
   */
  async deleteUnconfirmed(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `WITH doomed AS (
         DELETE FROM pledge p
          WHERE p.status = 'AWAITING_CONFIRMATION' AND p.created_at < now() - make_interval(days => $1)
         RETURNING p.venue_id)
       DELETE FROM venue v USING doomed d WHERE v.id = d.venue_id`,
      [days],
    );
    return count;
  }
}

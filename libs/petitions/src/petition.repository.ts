import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { COUNT_SHARDS } from './petition-count.entity';
import { Petition, PetitionStatus } from './petition.entity';

export interface DayCount {
  key: string;
  count: number;
}

export interface PublicSigner {
  fullName: string;
  postcodeDistrict: string | null;
  confirmedAt: Date;
}

/** Petitions and their counts. Every statement about the `petition` and `petition_count` tables. */
@Injectable()
export class PetitionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findBySlug(slug: string): Promise<Petition | null> {
    return this.dataSource.getRepository(Petition).findOneBy({ slug });
  }

  findById(id: string, manager?: EntityManager): Promise<Petition | null> {
    return this.manager(manager).findOneBy(Petition, { id });
  }

  /** The petition, locked for the rest of `manager`'s transaction. */
  lock(manager: EntityManager, id: string): Promise<Petition | null> {
    return manager.findOne(Petition, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  create(values: Partial<Petition>, manager?: EntityManager): Promise<Petition> {
    const repository = this.manager(manager).getRepository(Petition);
    return repository.save(repository.create(values));
  }

  save(petition: Petition, manager?: EntityManager): Promise<Petition> {
    return this.manager(manager).save(petition);
  }

  /** The public list's query (never drafts), by status and branch, for the keyset paginator. */
  listQuery(filter: {
    status?: PetitionStatus | null;
    branchSlug?: string | null;
  }): SelectQueryBuilder<Petition> {
    const query = this.dataSource
      .getRepository(Petition)
      .createQueryBuilder('p')
      .where(`p.status <> 'DRAFT'`);
    if (filter.status) {
      query.andWhere('p.status = :status', { status: filter.status });
    }
    if (filter.branchSlug) {
      query.andWhere('p.branch_id = (SELECT id FROM branch WHERE slug = :slug)', { slug: filter.branchSlug });
    }
    return query;
  }

  /** A branch's petitions for its organisers: drafts included. */
  branchListQuery(branchId: string, status?: PetitionStatus | null): SelectQueryBuilder<Petition> {
    const query = this.dataSource
      .getRepository(Petition)
      .createQueryBuilder('p')
      .where('p.branch_id = :branchId', { branchId });
    if (status) {
      query.andWhere('p.status = :status', { status });
    }
    return query;
  }

  /** Confirmed signatures per day (Europe/London) across a branch's petitions, from a day on. */
  branchByDay(branchId: string, since: Date): Promise<DayCount[]> {
    return this.dataSource.query(
      `SELECT to_char(s.confirmed_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS key, count(*)::int AS count
       FROM signature s JOIN petition p ON p.id = s.petition_id
       WHERE p.branch_id = $1 AND s.status = 'CONFIRMED' AND s.confirmed_at >= $2
       GROUP BY key ORDER BY key`,
      [branchId, since],
    );
  }

  /** Serialises demo seeding (seed-demo run twice at once) for the rest of the transaction. */
  async lockDemoSeed(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seed-demo-petitions'))`);
  }

  /** Petitions of every status. */
  countAll(manager: EntityManager): Promise<number> {
    return manager.count(Petition);
  }

  /** One more confirmed signature, on a random shard so confirmations never queue on one row. */
  async addToCount(manager: EntityManager, petitionId: string): Promise<void> {
    await manager.query(
      `INSERT INTO petition_count (petition_id, shard, count) VALUES ($1, $2, 1)
       ON CONFLICT (petition_id, shard) DO UPDATE SET count = petition_count.count + 1`,
      [petitionId, Math.floor(Math.random() * COUNT_SHARDS)],
    );
  }

  async count(manager: EntityManager, petitionId: string): Promise<number> {
    // Raw: the sum over the shards, never null (coalesce) and as an int (Postgres sums to bigint).
    const [{ count }] = await manager.query<Array<{ count: number }>>(
      'SELECT coalesce(sum(count), 0)::int AS count FROM petition_count WHERE petition_id = $1',
      [petitionId],
    );
    return count;
  }

  /** Moves the last announced milestone up; false if another transaction already did. */
  async raiseMilestone(manager: EntityManager, petitionId: string, milestone: number): Promise<boolean> {
    const moved = await manager
      .createQueryBuilder()
      .update(Petition)
      .set({ lastMilestone: milestone })
      .where('id = :id AND last_milestone < :milestone', { id: petitionId, milestone })
      .execute();
    return !!moved.affected;
  }

  /** Confirmed signatures per petition: the sum of its count shards. */
  async counts(ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<Array<{ id: string; value: number }>>(
      `SELECT petition_id AS id, sum(count)::int AS value FROM petition_count
       WHERE petition_id = ANY($1::uuid[]) GROUP BY petition_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.value]));
  }

  /** Confirmed signatures per day (Europe/London), per petition. */
  byDay(ids: readonly string[]): Promise<Array<DayCount & { id: string }>> {
    return this.dataSource.query(
      `SELECT petition_id AS id, to_char(confirmed_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS key, count(*)::int AS count
       FROM signature WHERE petition_id = ANY($1::uuid[]) AND status = 'CONFIRMED'
       GROUP BY petition_id, key ORDER BY key`,
      [ids],
    );
  }

  /**
   * Confirmed signatures per constituency of the active geography set, by name, most first; those
   * not placed in one of its constituencies under "unknown".
   */
  byConstituency(ids: readonly string[]): Promise<Array<DayCount & { id: string }>> {
    return this.dataSource.query(
      `SELECT s.petition_id AS id, coalesce(c.name, 'unknown') AS key, count(*)::int AS count
       FROM signature s
       LEFT JOIN constituency c
         ON c.code = s.constituency_code AND c.set_id = (SELECT id FROM geography_set WHERE active)
       WHERE s.petition_id = ANY($1::uuid[]) AND s.status = 'CONFIRMED'
       GROUP BY s.petition_id, key ORDER BY count DESC, key`,
      [ids],
    );
  }

  /** The 50 newest confirmed signers who chose to be shown, per petition. */
  recentSigners(ids: readonly string[]): Promise<Array<PublicSigner & { id: string }>> {
    return this.dataSource.query(
      `SELECT s.id AS sid, s.petition_id AS id, s.full_name AS "fullName", s.postcode_district AS "postcodeDistrict",
              s.confirmed_at AS "confirmedAt"
       FROM unnest($1::uuid[]) AS p(id)
       CROSS JOIN LATERAL (
         SELECT * FROM signature WHERE petition_id = p.id AND status = 'CONFIRMED' AND show_name
         ORDER BY confirmed_at DESC LIMIT 50
       ) s`,
      [ids],
    );
  }
}

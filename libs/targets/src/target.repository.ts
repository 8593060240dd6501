import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Branch } from '@app/branches';
import { preparedQuery, repeatClaimCte, returnedEntity } from '@app/core';
import { Constituency, Region } from './geography.entity';
import { DeliveryStatus, MSP_KINDS, Target, TargetKind } from './target.entity';

/** A target as an import gives it; re-importing updates by email + kind. */
export interface TargetFields {
  kind: TargetKind;
  name: string;
  title: string;
  organisation: string;
  email: string;
  party: string | null;
  constituencyCode: string | null;
  regionCode: string | null;
  branchId: string | null;
}

/** Every statement about the `target` table. */
@Injectable()
export class TargetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Active targets, for the keyset paginator; of one kind if given. */
  listQuery(kind?: TargetKind | null): SelectQueryBuilder<Target> {
    const query = this.dataSource.getRepository(Target).createQueryBuilder('t').where('t.active');
    if (kind) {
      query.andWhere('t.kind = :kind', { kind });
    }
    return query;
  }

  findById(id: string): Promise<Target | null> {
    return this.dataSource.getRepository(Target).findOneBy({ id });
  }

  getById(id: string): Promise<Target> {
    return this.dataSource.getRepository(Target).findOneByOrFail({ id });
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<Target[]> {
    return this.manager(manager).findBy(Target, { id: In(ids) });
  }

  /** Those of the targets that are active. */
  activeByIds(ids: string[], manager?: EntityManager): Promise<Target[]> {
    return this.manager(manager).findBy(Target, { id: In(ids), active: true });
  }

  /** Sets the delivery status of every target with that address. */
  async setDeliveryStatusOfAddress(email: string, status: DeliveryStatus): Promise<void> {
    await this.dataSource.getRepository(Target).update({ email }, { deliveryStatus: status });
  }

  /**
   * Marks every target at the address of `targetId` bouncing (those still OK); their ids. For a
   * letter refused by the recipient's server.
   */
  async markAddressBouncing(manager: EntityManager, targetId: string): Promise<string[]> {
    const [targets] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE target SET delivery_status = 'BOUNCING'
       WHERE email = (SELECT email FROM target WHERE id = $1) AND delivery_status = 'OK' RETURNING id`,
      [targetId],
    );
    return targets.map((t) => t.id);
  }

  /**
   * The active set's constituency with that code (or, given a postcode, the one the active set's
   * postcode table puts it in) and its region, and the active MSPs for both (the constituency's
   * first, then by name), in one statement; `found` null if there is no such constituency. With
   * `claim`, the repeat guard's claim of its key is made in the same statement (see
   * `repeatClaimCte`; a public writing's first round trip), found or not: `first` says whether the
   * request is the first of its kind lately (true without a claim).
   */
  async activeConstituencyWithMsps(
    where: { code: string } | { postcode: string },
    claim?: { key: string; windowMs: number },
  ): Promise<{
    first: boolean;
    found: { constituency: Constituency & { region: Region }; msps: Target[] } | null;
  }> {
    // Raw: a public letter's path, one round trip where the repositories' finds took two (and
    // TypeORM's relation joins and hydration showed in the profile).
    const found = `SELECT row_to_json(c) AS constituency, row_to_json(r) AS region,
              coalesce((SELECT json_agg(t ORDER BY t.kind = 'MSP_CONSTITUENCY' DESC, t.name) FROM target t
                        WHERE t.active AND ((t.kind = 'MSP_CONSTITUENCY' AND t.constituency_code = c.code)
                                            OR (t.kind = 'MSP_REGIONAL' AND t.region_code = r.code))), '[]') AS msps
       FROM constituency c
       JOIN geography_set s ON s.id = c.set_id AND s.active
       JOIN region r ON r.id = c.region_id
       WHERE c.code = ${
         'code' in where
           ? '$1'
           : `(SELECT pc.constituency_code FROM postcode_constituency pc
               JOIN geography_set ps ON ps.id = pc.set_id AND ps.active
               WHERE pc.postcode = $1)`
       }
       LIMIT 1`;
    const claiming = claim !== undefined && claim.windowMs > 0;
    const [row] = await preparedQuery<{
      constituency: Record<string, unknown> | null;
      region: Record<string, unknown> | null;
      msps: Array<Record<string, unknown>> | null;
      repeat_first?: boolean;
    }>(
      this.dataSource,
      claiming
        ? `WITH ${repeatClaimCte('$2', '$3')}, found AS (${found})
           SELECT found.*, EXISTS (SELECT 1 FROM claim) AS repeat_first FROM (SELECT 1) one LEFT JOIN found ON true`
        : found,
      [
        'code' in where ? where.code : where.postcode,
        ...(claiming ? [claim.key, claim.windowMs / 1000] : []),
      ],
    );
    const first = claiming ? row.repeat_first === true : true;
    if (!row?.constituency || !row.region || !row.msps) {
      return { first, found: null };
    }
    const manager = this.dataSource.manager;
    const constituency = returnedEntity(manager, Constituency, row.constituency) as Constituency & {
      region: Region;
    };
    constituency.region = returnedEntity(manager, Region, row.region);
    return {
      first,
      found: { constituency, msps: row.msps.map((msp) => returnedEntity(manager, Target, msp)) },
    };
  }

  /** Every active MSP: constituency MSPs first, then by name. */
  activeMsps(): Promise<Target[]> {
    return this.dataSource
      .getRepository(Target)
      .createQueryBuilder('t')
      .where(`t.active AND t.kind IN ('MSP_CONSTITUENCY', 'MSP_REGIONAL')`)
      .orderBy(`t.kind = 'MSP_CONSTITUENCY'`, 'DESC')
      .addOrderBy('t.name')
      .getMany();
  }

  /** How many active MSPs have an address in the domain. */
  countActiveMspsAt(domain: string): Promise<number> {
    return this.dataSource
      .getRepository(Target)
      .createQueryBuilder('t')
      .where('t.active AND t.kind IN (:...kinds)', { kinds: [...MSP_KINDS] })
      .andWhere(`lower(t.email::text) LIKE :domain`, { domain: `%@${domain}` })
      .getCount();
  }

  /** How many active constituency and regional MSPs there are. */
  async countActiveMsps(): Promise<{ constituency: number; regional: number }> {
    const [counts] = await this.dataSource.query<Array<{ constituency: number; regional: number }>>(
      `SELECT count(*) FILTER (WHERE kind = 'MSP_CONSTITUENCY')::int AS constituency,
              count(*) FILTER (WHERE kind = 'MSP_REGIONAL')::int AS regional
       FROM target WHERE active`,
    );
    return counts;
  }

  /** Takes the transaction-scoped lock that every change to MSP seats holds, so imports run one at a time. */
  async lockMspSeats(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('target:msp-seats'))`);
  }

  /**
   * The MSP targets that are active or have one of the `email|kind` keys (email lower-cased), least
   * recently imported first.
   */
  activeOrKeyedMsps(manager: EntityManager, keys: string[]): Promise<Target[]> {
    return manager
      .getRepository(Target)
      .createQueryBuilder('t')
      .where('t.kind IN (:...kinds)', { kinds: [...MSP_KINDS] })
      .andWhere(`(t.active OR lower(t.email::text) || '|' || t.kind = ANY(:keys))`, { keys })
      .orderBy('t.updated_at', 'ASC')
      .addOrderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  /**
   * Active MSP targets whose `email|kind` is not among `current`: all of them when `everywhere`,
   * otherwise only those at one of `emails`.
   */
  async activeMspsNotIn(
    manager: EntityManager,
    current: string[],
    emails: string[],
    everywhere: boolean,
  ): Promise<string[]> {
    const stale = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM target
       WHERE active AND kind = ANY($1::text[]) AND ($4 OR email = ANY($2::citext[]))
         AND NOT (lower(email::text) || '|' || kind = ANY($3::text[]))`,
      [MSP_KINDS, emails, current, everywhere],
    );
    return stale.map((s) => s.id);
  }

  async deactivate(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await manager.update(Target, { id: In(ids) }, { active: false });
    }
  }

  /** Inserts the target or updates the one with its email and kind (and makes it active again). */
  async upsert(manager: EntityManager, fields: TargetFields): Promise<'created' | 'updated'> {
    const existed = await manager.getRepository(Target).existsBy({ email: fields.email, kind: fields.kind });
    await manager
      .createQueryBuilder()
      .insert()
      .into(Target)
      .values({ ...fields, active: true })
      .orUpdate(
        [
          'name',
          'title',
          'organisation',
          'party',
          'constituency_code',
          'region_code',
          'branch_id',
          'active',
          'updated_at',
        ],
        ['email', 'kind'],
      )
      .execute();
    return existed ? 'updated' : 'created';
  }

  /** Branch ids by slug, for the `branch_slug` column of a targets file. */
  async branchIdsBySlug(): Promise<Map<string, string>> {
    return new Map((await this.dataSource.getRepository(Branch).find()).map((b) => [b.slug, b.id]));
  }
}

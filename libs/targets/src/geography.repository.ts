import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Constituency, GeographySet, Region } from './geography.entity';

/** Codes and names of one geography set's constituencies and regions. */
export interface GeographyCodes {
  setName: string;
  constituencies: Map<string, string>;
  regions: Map<string, string>;
}

/**
 * Geography sets, their regions and constituencies, and the postcodes placed in them: every
 * statement about `geography_set`, `region`, `constituency` and `postcode_constituency`.
 */
@Injectable()
export class GeographyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** The active set, or null. */
  activeSet(manager?: EntityManager): Promise<GeographySet | null> {
    return this.manager(manager).findOneBy(GeographySet, { active: true });
  }

  /** Whether any set has been imported. */
  async anySet(): Promise<boolean> {
    return (await this.dataSource.getRepository(GeographySet).count()) > 0;
  }

  setNamed(name: string): Promise<GeographySet | null> {
    return this.dataSource.getRepository(GeographySet).findOneBy({ name });
  }

  /** The set of that name, made if there is none (two imports at once make one). */
  async addSet(name: string): Promise<GeographySet> {
    const repo = this.dataSource.getRepository(GeographySet);
    await repo.createQueryBuilder().insert().values({ name }).orIgnore().execute();
    return repo.findOneByOrFail({ name });
  }

  /** Makes the set the only active one. */
  async activate(setId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(GeographySet, { active: true }, { active: false });
      await manager.update(GeographySet, { id: setId }, { active: true });
    });
  }

  constituenciesOf(setId: string, manager?: EntityManager): Promise<Constituency[]> {
    return this.manager(manager).findBy(Constituency, { setId });
  }

  regionsOf(setId: string, manager?: EntityManager): Promise<Region[]> {
    return this.manager(manager).findBy(Region, { setId });
  }

  /** The codes and names of the active set's constituencies and regions; null when none is active. */
  async activeCodes(manager?: EntityManager): Promise<GeographyCodes | null> {
    const set = await this.activeSet(manager);
    if (!set) {
      return null;
    }
    const [constituencies, regions] = await Promise.all([
      this.constituenciesOf(set.id, manager),
      this.regionsOf(set.id, manager),
    ]);
    return {
      setName: set.name,
      constituencies: new Map(constituencies.map((c) => [c.code, c.name])),
      regions: new Map(regions.map((r) => [r.code, r.name])),
    };
  }

  /** The region code of each constituency of the active set (empty when none is active). */
  async activeRegionsOfConstituencies(manager?: EntityManager): Promise<Map<string, string>> {
    const set = await this.activeSet(manager);
    if (!set) {
      return new Map();
    }
    const rows = await this.manager(manager).find(Constituency, {
      where: { setId: set.id },
      relations: { region: true },
    });
    return new Map(rows.map((c) => [c.code, c.region!.code]));
  }

  /** How many constituencies and regions the set has. */
  async size(setId: string): Promise<{ constituencies: number; regions: number }> {
    const constituencies = await this.dataSource.getRepository(Constituency).countBy({ setId });
    const regions = await this.dataSource.getRepository(Region).countBy({ setId });
    return { constituencies, regions };
  }

  /**
   * Writes one row of a geography file in one transaction: the region (by set and code) and the
   * constituency in it; whether the constituency was new.
   */
  placeConstituency(
    setId: string,
    row: { constituencyCode: string; constituencyName: string; regionCode: string; regionName: string },
  ): Promise<'created' | 'updated'> {
    return this.dataSource.transaction(async (manager) => {
      const region = await upsert(manager, Region, { setId, code: row.regionCode }, { name: row.regionName });
      const existed = await manager.existsBy(Constituency, { setId, code: row.constituencyCode });
      await upsert(
        manager,
        Constituency,
        { setId, code: row.constituencyCode },
        { name: row.constituencyName, regionId: region.id },
      );
      return existed ? 'updated' : 'created';
    });
  }

  /** Places postcodes in constituencies of the set, replacing earlier placings; how many were new. */
  async placePostcodes(
    setId: string,
    batch: Array<{ postcode: string; code: string }>,
  ): Promise<{ created: number; updated: number }> {
    // Raw SQL: one statement for the whole batch (unnest), and xmax tells inserts from updates.
    const result = await this.dataSource.query<Array<{ inserted: boolean }>>(
      `INSERT INTO postcode_constituency (set_id, postcode, constituency_code)
       SELECT $1, p, c FROM unnest($2::text[], $3::text[]) AS t(p, c)
       ON CONFLICT (set_id, postcode) DO UPDATE SET constituency_code = EXCLUDED.constituency_code
       RETURNING (xmax = 0) AS inserted`,
      [setId, batch.map((b) => b.postcode), batch.map((b) => b.code)],
    );
    const created = result.filter((r) => r.inserted).length;
    return { created, updated: result.length - created };
  }

  /** The constituency code of a postcode in the active set, or null. */
  async constituencyCodeOf(postcode: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ code: string }>>(
      `SELECT pc.constituency_code AS code FROM postcode_constituency pc
       JOIN geography_set s ON s.id = pc.set_id AND s.active
       WHERE pc.postcode = $1`,
      [postcode],
    );
    return row?.code ?? null;
  }
}

async function upsert<E extends Region | Constituency>(
  manager: EntityManager,
  entity: new () => E,
  key: Partial<E>,
  fields: Partial<E>,
): Promise<E> {
  const repo = manager.getRepository(entity);
  const existing = await repo.findOneBy(key as never);
  return (await repo.save({ ...(existing ?? {}), ...key, ...fields } as never)) as unknown as E;
}

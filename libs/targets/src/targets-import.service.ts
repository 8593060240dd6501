import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import { isEmail } from 'class-validator';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Branch } from '@app/branches';
import { normalisePostcode } from '@app/core';
import { Constituency, GeographySet, Region } from './geography.entity';
import { Target, TARGET_KINDS, TargetKind } from './target.entity';

export interface ImportReport {
  created: number;
  updated: number;
  rejected: Array<{ line: number; reason: string }>;
  warnings: string[];
}

/** The Scottish Parliament's shape: 73 constituencies in 8 regions, 7 list MSPs each. */
export const SCOTLAND = { constituencies: 73, regions: 8, regionalMsps: 56 } as const;

const CODE = /^[A-Z0-9]{3,12}$/;

async function* rows(
  input: Readable,
  required: string[],
): AsyncGenerator<{ line: number; row: Record<string, string> }> {
  const parser = input.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      columns: (header: string[]) => {
        const columns = header.map((h) => h.trim().toLowerCase());
        const missing = required.filter((c) => !columns.includes(c));
        if (missing.length > 0) {
          throw new Error(`The header must name ${required.join(',')}; missing ${missing.join(', ')}`);
        }
        return columns;
      },
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: info.lines, row: record };
  }
}

/**
 * The published CSV contracts (README): geography, postcodes and targets. Each reports what it
 * created, updated and rejected (with line numbers), and warns when the result does not have
 * Scotland's shape.
 */
@Injectable()
export class TargetsImportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `constituency_code,constituency_name,region_code,region_name`, one row per constituency. */
  async importGeography(input: Readable, setName: string, activate: boolean): Promise<ImportReport> {
    const report: ImportReport = { created: 0, updated: 0, rejected: [], warnings: [] };
    const set = await this.setNamed(setName, true);
    for await (const { line, row } of rows(input, [
      'constituency_code',
      'constituency_name',
      'region_code',
      'region_name',
    ])) {
      if (
        !CODE.test(row.constituency_code ?? '') ||
        !CODE.test(row.region_code ?? '') ||
        !row.constituency_name ||
        !row.region_name
      ) {
        report.rejected.push({ line, reason: 'codes must be letters and digits, and names must be given' });
        continue;
      }
      await this.dataSource.transaction(async (manager) => {
        const region = await this.upsert(
          manager,
          Region,
          { setId: set.id, code: row.region_code },
          { name: row.region_name },
        );
        const existed = await manager.existsBy(Constituency, { setId: set.id, code: row.constituency_code });
        await this.upsert(
          manager,
          Constituency,
          { setId: set.id, code: row.constituency_code },
          { name: row.constituency_name, regionId: region.id },
        );
        report[existed ? 'updated' : 'created'] += 1;
      });
    }
    const constituencies = await this.dataSource.getRepository(Constituency).countBy({ setId: set.id });
    const regions = await this.dataSource.getRepository(Region).countBy({ setId: set.id });
    if (constituencies !== SCOTLAND.constituencies || regions !== SCOTLAND.regions) {
      report.warnings.push(
        `Set "${setName}" has ${constituencies} constituencies in ${regions} regions; the Scottish Parliament has ${SCOTLAND.constituencies} in ${SCOTLAND.regions}.`,
      );
    }
    if (activate) {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(GeographySet, { active: true }, { active: false });
        await manager.update(GeographySet, { id: set.id }, { active: true });
      });
    }
    return report;
  }

  /** `postcode,constituency_code`; postcodes in any common spacing or case. */
  async importPostcodes(input: Readable, setName?: string): Promise<ImportReport> {
    const report: ImportReport = { created: 0, updated: 0, rejected: [], warnings: [] };
    const set = setName ? await this.setNamed(setName, false) : await this.activeSet();
    const known = new Set(
      (await this.dataSource.getRepository(Constituency).findBy({ setId: set.id })).map((c) => c.code),
    );
    let batch: Array<{ postcode: string; code: string }> = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) {
        return;
      }
      const result = await this.dataSource.query<Array<{ inserted: boolean }>>(
        `INSERT INTO postcode_constituency (set_id, postcode, constituency_code)
         SELECT $1, p, c FROM unnest($2::text[], $3::text[]) AS t(p, c)
         ON CONFLICT (set_id, postcode) DO UPDATE SET constituency_code = EXCLUDED.constituency_code
         RETURNING (xmax = 0) AS inserted`,
        [set.id, batch.map((b) => b.postcode), batch.map((b) => b.code)],
      );
      report.created += result.filter((r) => r.inserted).length;
      report.updated += result.filter((r) => !r.inserted).length;
      batch = [];
    };
    const seen = new Set<string>();
    for await (const { line, row } of rows(input, ['postcode', 'constituency_code'])) {
      const postcode = normalisePostcode(row.postcode ?? '');
      if (!postcode) {
        report.rejected.push({ line, reason: 'postcode is not a UK postcode' });
      } else if (!known.has(row.constituency_code)) {
        report.rejected.push({
          line,
          reason: `no constituency ${row.constituency_code} in set "${set.name}"`,
        });
      } else if (seen.has(postcode)) {
        report.rejected.push({ line, reason: 'the same postcode again' });
      } else {
        seen.add(postcode);
        batch.push({ postcode, code: row.constituency_code });
        if (batch.length >= 1000) {
          await flush();
        }
      }
    }
    await flush();
    return report;
  }

  /** `kind,name,title,organisation,email,party,constituency_code,region_code,branch_slug`. */
  async importTargets(input: Readable): Promise<ImportReport> {
    const report: ImportReport = { created: 0, updated: 0, rejected: [], warnings: [] };
    const branches = new Map((await this.dataSource.getRepository(Branch).find()).map((b) => [b.slug, b.id]));
    for await (const { line, row } of rows(input, ['kind', 'name', 'email'])) {
      const kind = (row.kind ?? '').toUpperCase() as TargetKind;
      const problem = !TARGET_KINDS.includes(kind)
        ? `kind must be one of ${TARGET_KINDS.join(', ')}`
        : !row.name
          ? 'name is required'
          : !isEmail(row.email ?? '')
            ? 'email is not an email address'
            : kind === 'MSP_CONSTITUENCY' && !row.constituency_code
              ? 'a constituency MSP needs constituency_code'
              : kind === 'MSP_REGIONAL' && !row.region_code
                ? 'a regional MSP needs region_code'
                : row.branch_slug && !branches.has(row.branch_slug)
                  ? `no branch ${row.branch_slug}`
                  : null;
      if (problem) {
        report.rejected.push({ line, reason: problem });
        continue;
      }
      const existed = await this.dataSource.getRepository(Target).existsBy({ email: row.email, kind });
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(Target)
        .values({
          kind,
          name: row.name,
          title: row.title ?? '',
          organisation: row.organisation ?? '',
          email: row.email,
          party: row.party || null,
          constituencyCode: row.constituency_code || null,
          regionCode: row.region_code || null,
          branchId: row.branch_slug ? branches.get(row.branch_slug)! : null,
          active: true,
        })
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
      report[existed ? 'updated' : 'created'] += 1;
    }
    const [{ constituency, regional }] = await this.dataSource.query<
      Array<{ constituency: number; regional: number }>
    >(
      `SELECT count(*) FILTER (WHERE kind = 'MSP_CONSTITUENCY')::int AS constituency,
              count(*) FILTER (WHERE kind = 'MSP_REGIONAL')::int AS regional
       FROM target WHERE active`,
    );
    if (
      (constituency || regional) &&
      (constituency !== SCOTLAND.constituencies || regional !== SCOTLAND.regionalMsps)
    ) {
      report.warnings.push(
        `There are ${constituency} constituency and ${regional} regional MSPs; the Scottish Parliament has ${SCOTLAND.constituencies} and ${SCOTLAND.regionalMsps} (a difference of ${constituency - SCOTLAND.constituencies} and ${regional - SCOTLAND.regionalMsps}).`,
      );
    }
    return report;
  }

  private async setNamed(name: string, create: boolean): Promise<GeographySet> {
    const repo = this.dataSource.getRepository(GeographySet);
    const existing = await repo.findOneBy({ name });
    if (existing) {
      return existing;
    }
    if (!create) {
      throw new Error(`There is no geography set "${name}".`);
    }
    await repo.createQueryBuilder().insert().values({ name }).orIgnore().execute();
    return repo.findOneByOrFail({ name });
  }

  private async activeSet(): Promise<GeographySet> {
    const set = await this.dataSource.getRepository(GeographySet).findOneBy({ active: true });
    if (!set) {
      throw new Error('No geography set is active: import one with --activate, or name one with --set.');
    }
    return set;
  }

  private async upsert<E extends Region | Constituency>(
    manager: EntityManager,
    entity: new () => E,
    key: Partial<E>,
    fields: Partial<E>,
  ): Promise<E> {
    const repo = manager.getRepository(entity);
    const existing = await repo.findOneBy(key as never);
    return (await repo.save({ ...(existing ?? {}), ...key, ...fields } as never)) as unknown as E;
  }
}

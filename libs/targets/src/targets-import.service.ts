import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import { isEmail } from 'class-validator';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Branch } from '@app/branches';
import { Actor, AuditService, BadUserInputError, normalisePostcode } from '@app/core';
import { Constituency, GeographySet, Region } from './geography.entity';
import { Target, TARGET_KINDS, TargetKind } from './target.entity';
import { ImportReport, MSP_KINDS, MspSeats, upsertTarget } from './target-writes';

export type { ImportReport, TargetFields } from './target-writes';
export { MSP_KINDS, MspSeats, upsertTarget } from './target-writes';

/** The Scottish Parliament's shape: 73 constituencies in 8 regions, 7 list MSPs each. */
export const SCOTLAND = { constituencies: 73, regions: 8, regionalMsps: 56 } as const;

const CODE = /^[A-Z0-9]{3,12}$/;

/** Where the demo's made-up MSPs (data/scotland/demo-msps.csv) have their addresses; none exist. */
export const DEMO_MSP_DOMAIN = 'msp.example.org';

/**
 * The warning when the active MSP targets do not have the Scottish Parliament's shape (73
 * constituency and 56 regional MSPs), naming the difference; null when they do, or when there are
 * no MSPs at all.
 */
export async function mspShapeWarning(manager: EntityManager): Promise<string | null> {
  const [{ constituency, regional }] = await manager.query<Array<{ constituency: number; regional: number }>>(
    `SELECT count(*) FILTER (WHERE kind = 'MSP_CONSTITUENCY')::int AS constituency,
            count(*) FILTER (WHERE kind = 'MSP_REGIONAL')::int AS regional
     FROM target WHERE active`,
  );
  if (
    (constituency || regional) &&
    (constituency !== SCOTLAND.constituencies || regional !== SCOTLAND.regionalMsps)
  ) {
    return `There are ${constituency} constituency and ${regional} regional MSPs; the Scottish Parliament has ${SCOTLAND.constituencies} and ${SCOTLAND.regionalMsps} (a difference of ${constituency - SCOTLAND.constituencies} and ${regional - SCOTLAND.regionalMsps}).`;
  }
  return null;
}

/** The geography set postcodes and MSPs are placed in; BAD_USER_INPUT when none is active. */
export async function activeGeographySet(manager: EntityManager): Promise<GeographySet> {
  const set = await manager.getRepository(GeographySet).findOneBy({ active: true });
  if (!set) {
    throw new BadUserInputError(
      'No geography set is active: import one and activate it (--activate, or activate=true), or name a set.',
      [{ field: 'set', message: 'no geography set is active' }],
    );
  }
  return set;
}

/**
 * Runs an import and writes it to the audit log, also when it fails part-way (whatever was written
 * before the failure stays, and `complete: false` says so). The audit holds counts only.
 */
export async function auditedImport(
  audit: AuditService,
  action: string,
  actor: Actor | null,
  detail: Record<string, unknown>,
  work: (report: ImportReport) => Promise<void>,
): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, rejected: [], warnings: [] };
  let complete = false;
  try {
    await work(report);
    complete = true;
    return report;
  } finally {
    await audit.record({
      action,
      actorId: actor?.memberId ?? null,
      rowCount: report.created + report.updated,
      detail: {
        ...detail,
        via: actor ? 'http' : 'cli',
        created: report.created,
        updated: report.updated,
        rejected: report.rejected.length,
        warnings: report.warnings.length,
        complete,
      },
    });
  }
}

async function* rows(
  input: Readable,
  required: string[],
): AsyncGenerator<{ line: number; row: Record<string, string> }> {
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    columns: (header: string[]) => {
      const columns = header.map((h) => h.trim().toLowerCase());
      const missing = required.filter((c) => !columns.includes(c));
      if (missing.length > 0) {
        throw new BadUserInputError(
          `The first line must name the columns ${required.join(',')}; missing ${missing.join(', ')}.`,
          [{ field: 'header', message: `missing ${missing.join(', ')}` }],
        );
      }
      return columns;
    },
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { line: info.lines, row: record };
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof BadUserInputError) && typeof code === 'string' && code.startsWith('CSV_')) {
      throw new BadUserInputError(`The file could not be read as CSV: ${(error as Error).message}`, [
        { field: 'file', message: 'is not CSV' },
      ]);
    }
    throw error;
  }
}

/**
 * The published CSV contracts (README): geography, postcodes and targets. Each reports what it
 * created, updated and rejected (with line numbers), warns when the result does not have
 * Scotland's shape, and is written to the audit log (by the admin who uploaded it, or by nobody
 * from the CLI). A missing set or a bad first line is BAD_USER_INPUT.
 */
@Injectable()
export class TargetsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Whether any geography set has been imported (the demo seed adds one only to an empty database). */
  async hasGeography(): Promise<boolean> {
    return (await this.dataSource.getRepository(GeographySet).count()) > 0;
  }

  /** How many made-up MSPs of the demo seed (at msp.example.org, which never delivers) are active. */
  async activeDemoMsps(): Promise<number> {
    return this.dataSource
      .getRepository(Target)
      .createQueryBuilder('t')
      .where('t.active AND t.kind IN (:...kinds)', { kinds: [...MSP_KINDS] })
      .andWhere(`lower(t.email::text) LIKE :domain`, { domain: `%@${DEMO_MSP_DOMAIN}` })
      .getCount();
  }

  /** `constituency_code,constituency_name,region_code,region_name`, one row per constituency. */
  async importGeography(
    input: Readable,
    setName: string,
    activate: boolean,
    actor: Actor | null = null,
  ): Promise<ImportReport> {
    return auditedImport(
      this.audit,
      'geography.import',
      actor,
      { set: setName, activate },
      async (report) => {
        // Made with the first row, so a file with a bad first line leaves no empty set behind.
        let found: GeographySet | null = null;
        for await (const { line, row } of rows(input, [
          'constituency_code',
          'constituency_name',
          'region_code',
          'region_name',
        ])) {
          found ??= await this.setNamed(setName, true);
          const setId = found.id;
          if (
            !CODE.test(row.constituency_code ?? '') ||
            !CODE.test(row.region_code ?? '') ||
            !row.constituency_name ||
            !row.region_name
          ) {
            report.rejected.push({
              line,
              reason: 'codes must be letters and digits, and names must be given',
            });
            continue;
          }
          await this.dataSource.transaction(async (manager) => {
            const region = await this.upsert(
              manager,
              Region,
              { setId, code: row.region_code },
              { name: row.region_name },
            );
            const existed = await manager.existsBy(Constituency, { setId, code: row.constituency_code });
            await this.upsert(
              manager,
              Constituency,
              { setId, code: row.constituency_code },
              { name: row.constituency_name, regionId: region.id },
            );
            report[existed ? 'updated' : 'created'] += 1;
          });
        }
        const set = found ?? (await this.setNamed(setName, true));
        const constituencies = await this.dataSource.getRepository(Constituency).countBy({ setId: set.id });
        const regions = await this.dataSource.getRepository(Region).countBy({ setId: set.id });
        if (constituencies !== SCOTLAND.constituencies || regions !== SCOTLAND.regions) {
          report.warnings.push(
            `Set "${set.name}" has ${constituencies} constituencies in ${regions} regions; the Scottish Parliament has ${SCOTLAND.constituencies} in ${SCOTLAND.regions}.`,
          );
        }
        if (activate) {
          await this.dataSource.transaction(async (manager) => {
            await manager.update(GeographySet, { active: true }, { active: false });
            await manager.update(GeographySet, { id: set.id }, { active: true });
          });
        }
      },
    );
  }

  /** `postcode,constituency_code`; postcodes in any common spacing or case. */
  async importPostcodes(
    input: Readable,
    setName?: string,
    actor: Actor | null = null,
  ): Promise<ImportReport> {
    return auditedImport(this.audit, 'postcodes.import', actor, { set: setName ?? null }, async (report) => {
      const set = setName
        ? await this.setNamed(setName, false)
        : await activeGeographySet(this.dataSource.manager);
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
    });
  }

  /**
   * `kind,name,title,organisation,email,party,constituency_code,region_code,branch_slug`. Other
   * targets are written as they are read; the file's MSPs together at the end, in one transaction,
   * taking their seats by the rule of {@link MspSeats} (a constituency MSP at another address
   * replaces the seat's holder; a region's list changes only by name or as a whole).
   */
  async importTargets(input: Readable, actor: Actor | null = null): Promise<ImportReport> {
    return auditedImport(this.audit, 'targets.import', actor, {}, async (report) => {
      const branches = new Map(
        (await this.dataSource.getRepository(Branch).find()).map((b) => [b.slug, b.id]),
      );
      const msps = await MspSeats.forActiveSet(this.dataSource.manager);
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
        const fields = {
          kind,
          name: row.name,
          title: row.title ?? '',
          organisation: row.organisation ?? '',
          email: row.email,
          party: row.party || null,
          constituencyCode: row.constituency_code || null,
          regionCode: row.region_code || null,
          branchId: row.branch_slug ? branches.get(row.branch_slug)! : null,
        };
        if (MSP_KINDS.includes(kind)) {
          const refused = msps.add(line, fields);
          if (refused) {
            report.rejected.push({ line, reason: refused });
          }
          continue;
        }
        report[await upsertTarget(this.dataSource.manager, fields)] += 1;
      }
      await this.dataSource.transaction((manager) => msps.write(manager, report));
      report.rejected.sort((a, b) => a.line - b.line);
      const warning = await mspShapeWarning(this.dataSource.manager);
      if (warning) {
        report.warnings.push(warning);
      }
    });
  }

  private async setNamed(rawName: string, create: boolean): Promise<GeographySet> {
    const name = (rawName ?? '').trim();
    if (!name) {
      throw new BadUserInputError('Name the geography set, e.g. sp2026.', [
        { field: 'set', message: 'is required' },
      ]);
    }
    const repo = this.dataSource.getRepository(GeographySet);
    const existing = await repo.findOneBy({ name });
    if (existing) {
      return existing;
    }
    if (!create) {
      throw new BadUserInputError(`There is no geography set "${name}".`, [
        { field: 'set', message: 'no such geography set' },
      ]);
    }
    await repo.createQueryBuilder().insert().values({ name }).orIgnore().execute();
    return repo.findOneByOrFail({ name });
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

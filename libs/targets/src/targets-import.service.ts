import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Actor, AuditService, BadUserInputError } from '@app/core';
import { GeographySet } from './geography.entity';
import { GeographyRepository } from './geography.repository';
import { TargetRepository } from './target.repository';
import { MSP_KINDS } from './target.entity';
import { ImportReport, MspSeats, upsertTarget } from './target-writes';
import {
  csvRows,
  geographyShapeWarning,
  mspShapeProblem,
  readGeographyRow,
  readImportRow,
  readPostcodeRow,
} from './targets-import-rows';
import { NoActiveGeographySetError, UnknownGeographySetError } from './targets.errors';

/** Where the demo's made-up MSPs (data/scotland/demo-msps.csv) have their addresses; none exist. */
export const DEMO_MSP_DOMAIN = 'msp.example.org';

/** Postcodes are written in batches of this many. */
const POSTCODE_BATCH = 1000;

/**
 * The warning when the active MSP targets do not have the Scottish Parliament's shape (73
 * constituency and 56 regional MSPs), naming the difference; null when they do, or when there are
 * no MSPs at all.
 */
export async function mspShapeWarning(targets: TargetRepository): Promise<string | null> {
  return mspShapeProblem(await targets.countActiveMsps());
}

/** The geography set postcodes and MSPs are placed in; BAD_USER_INPUT when none is active. */
export async function activeGeographySet(geography: GeographyRepository): Promise<GeographySet> {
  const set = await geography.activeSet();
  if (!set) {
    throw new NoActiveGeographySetError();
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

/**
 * The published CSV contracts (README): geography, postcodes and targets. Each reports what it
 * created, updated and rejected (with line numbers), warns when the result does not have
 * Scotland's shape, and is written to the audit log (by the admin who uploaded it, or by nobody
 * from the CLI). A missing set or a bad first line is BAD_USER_INPUT. Rows are read and checked in
 * targets-import-rows.ts.
 */
@Injectable()
export class TargetsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly geography: GeographyRepository,
    private readonly targets: TargetRepository,
    private readonly audit: AuditService,
  ) {}

  /** Whether any geography set has been imported (the demo seed adds one only to an empty database). */
  hasGeography(): Promise<boolean> {
    return this.geography.anySet();
  }

  /** How many made-up MSPs of the demo seed (at msp.example.org, which never delivers) are active. */
  activeDemoMsps(): Promise<number> {
    return this.targets.countActiveMspsAt(DEMO_MSP_DOMAIN);
  }

  /** `constituency_code,constituency_name,region_code,region_name`, one row per constituency. */
  async importGeography(
    input: Readable,
    setName: string,
    activate: boolean,
    actor: Actor | null = null,
  ): Promise<ImportReport> {
    const detail = { set: setName, activate };
    return auditedImport(this.audit, 'geography.import', actor, detail, async (report) => {
      // Made with the first row, so a file with a bad first line leaves no empty set behind.
      let found: GeographySet | null = null;
      const columns = ['constituency_code', 'constituency_name', 'region_code', 'region_name'];
      for await (const { line, row } of csvRows(input, columns)) {
        found ??= await this.setNamed(setName, true);
        const read = readGeographyRow(row);
        if ('problem' in read) {
          report.rejected.push({ line, reason: read.problem });
          continue;
        }
        report[await this.geography.placeConstituency(found.id, read)] += 1;
      }
      const set = found ?? (await this.setNamed(setName, true));
      const warning = geographyShapeWarning(set.name, await this.geography.size(set.id));
      if (warning) {
        report.warnings.push(warning);
      }
      if (activate) {
        await this.geography.activate(set.id);
      }
    });
  }

  /** `postcode,constituency_code`; postcodes in any common spacing or case. */
  async importPostcodes(
    input: Readable,
    setName?: string,
    actor: Actor | null = null,
  ): Promise<ImportReport> {
    return auditedImport(this.audit, 'postcodes.import', actor, { set: setName ?? null }, async (report) => {
      const set = setName ? await this.setNamed(setName, false) : await activeGeographySet(this.geography);
      const constituencies = new Set((await this.geography.constituenciesOf(set.id)).map((c) => c.code));
      let batch: Array<{ postcode: string; code: string }> = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) {
          return;
        }
        const written = await this.geography.placePostcodes(set.id, batch);
        report.created += written.created;
        report.updated += written.updated;
        batch = [];
      };
      const seen = new Set<string>();
      for await (const { line, row } of csvRows(input, ['postcode', 'constituency_code'])) {
        const read = readPostcodeRow(row, { name: set.name, constituencies }, seen);
        if ('problem' in read) {
          report.rejected.push({ line, reason: read.problem });
          continue;
        }
        seen.add(read.postcode);
        batch.push(read);
        if (batch.length >= POSTCODE_BATCH) {
          await flush();
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
      const branches = await this.targets.branchIdsBySlug();
      const msps = await MspSeats.forActiveSet(this.geography, this.targets, this.dataSource.manager);
      for await (const { line, row } of csvRows(input, ['kind', 'name', 'email'])) {
        const fields = readImportRow(row, branches);
        if ('problem' in fields) {
          report.rejected.push({ line, reason: fields.problem });
          continue;
        }
        if (MSP_KINDS.includes(fields.kind)) {
          const refused = msps.add(line, fields);
          if (refused) {
            report.rejected.push({ line, reason: refused });
          }
          continue;
        }
        report[await upsertTarget(this.targets, this.dataSource.manager, fields)] += 1;
      }
      await this.dataSource.transaction((manager) => msps.write(manager, report));
      report.rejected.sort((a, b) => a.line - b.line);
      const warning = await mspShapeWarning(this.targets);
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
    const existing = await this.geography.setNamed(name);
    if (existing) {
      return existing;
    }
    if (!create) {
      throw new UnknownGeographySetError(name);
    }
    return this.geography.addSet(name);
  }
}

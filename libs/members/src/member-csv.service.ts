import { Injectable } from '@nestjs/common';
import { parse, Parser } from 'csv-parse';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { BranchRepository } from '@app/branches';
import {
  Actor,
  AuditService,
  BadUserInputError,
  csvSafe,
  csvWriter,
  NotFoundError,
  writeTo,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { BranchRecordsService } from './branch-records.service';
import { ConsentRepository } from './consent.repository';
import {
  importColumns,
  ImportReport,
  ImportRow,
  newImportReport,
  planBatch,
  readImportRow,
} from './member-csv-import';
import { MemberRepository } from './member.repository';
import { ImportNotCsvError, MemberScopeError } from './members.errors';
import { suppressionKey, SuppressionRepository } from './suppression.repository';

export { IMPORT_COLUMNS, readImportRow } from './member-csv-import';
export type { ImportReport } from './member-csv-import';

const BATCH = 1000;

const EXPORT_COLUMNS = [
  'email',
  'full_name',
  'postcode',
  'email_opt_in',
  'email_confirmed',
  'tags',
  'joined_at',
  'archived',
];

type Reject = (line: number, reason: string) => void;

/**
 * Members in and out of CSV, for organisers of the branch. Both directions stream: an import of
 * any size is read and written a thousand rows at a time, and an export is written as it is read.
 */
@Injectable()
export class MemberCsvService {
  constructor(
    private readonly members: MemberRepository,
    private readonly branches: BranchRepository,
    private readonly consent: ConsentRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly records: BranchRecordsService,
  ) {}

  /**
   * Upserts by email into the branch. New people get the consent given (no column or an empty cell
   * means no); known people in this branch get their name, postcode and tags updated, and can be
   * opted out but never back in by an import (their own unsubscribe stands). Addresses the campaign
   * knows from elsewhere are added and counted like new ones, without saying so (the branch gets a
   * provisional record and the person is asked by email). Duplicate lines are rejected; erased
   * people are skipped.
   */
  async import(actor: Actor, branchId: string, input: Readable): Promise<ImportReport> {
    await this.checkBranch(actor, branchId);
    const { report, reject } = newImportReport();
    const parser = csvParser();
    parser.on('skip', (error: Error & { lines?: number }) =>
      reject(error.lines ?? 0, `unreadable CSV: ${error.message}`),
    );
    input.pipe(parser);
    input.on('error', (error) => parser.destroy(error));
    let complete = false;
    try {
      await this.readInBatches(parser, reject, (batch) => this.flush(actor, branchId, batch, report, reject));
      complete = true;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (!(error instanceof BadUserInputError) && typeof code === 'string' && code.startsWith('CSV_')) {
        throw new ImportNotCsvError((error as Error).message);
      }
      throw error;
    } finally {
      // Audited even when cut short (a client that goes away, a database failure): every batch
      // before the failure is committed, and this says how many rows that was.
      await this.audit.record({
        action: 'member.import',
        actorId: actor.memberId,
        branchId,
        rowCount: report.created + report.updated,
        detail: {
          created: report.created,
          updated: report.updated,
          skipped: report.skipped,
          rejected: report.rejectedCount,
          complete,
        },
      });
    }
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }

  /**
   * Writes the branch's members (not erased) as CSV to `out`, safe to open in a spreadsheet, and
   * audits it. Leaves `out` open, so the audit is written before the caller ends the response.
   */
  async export(actor: Actor, branchId: string, out: Writable): Promise<number> {
    await this.checkBranch(actor, branchId);
    let rows = 0;
    try {
      await this.members.streamBranch(branchId, async (source) => {
        const toRecord = new Transform({
          objectMode: true,
          transform(row: Record<string, unknown>, _encoding, done) {
            rows += 1;
            done(null, csvRecord(row));
          },
        });
        const csv = csvWriter(EXPORT_COLUMNS, { boolean: (value) => (value ? 'yes' : 'no') });
        await pipeline(source, toRecord, csv, writeTo(out));
      });
    } finally {
      // Audited even when cut short: rows counts what was sent.
      await this.audit.record({ action: 'member.export', actorId: actor.memberId, branchId, rowCount: rows });
    }
    return rows;
  }

  /** FORBIDDEN outside the caller's branches, NOT_FOUND for a branch that does not exist. */
  async checkBranch(actor: Actor, branchId: string): Promise<void> {
    if (!actor.canManageBranch(branchId)) {
      throw new MemberScopeError('You can import and export only the members of branches you organise.');
    }
    if (!(await this.branches.exists(branchId))) {
      throw new NotFoundError('Branch');
    }
  }

  /**
   * Reads the parsed rows, rejecting unreadable ones and repeated addresses (the first line with an
   * address wins), and hands the rest on a thousand at a time.
   */
  private async readInBatches(
    parser: Parser,
    reject: Reject,
    flush: (batch: ImportRow[]) => Promise<void>,
  ): Promise<void> {
    const seen = new Map<string, number>();
    let batch: ImportRow[] = [];
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string | undefined>;
      info: { lines: number };
    }>) {
      const row = readImportRow(record, info.lines);
      if (typeof row === 'string') {
        reject(info.lines, row);
        continue;
      }
      const first = seen.get(row.key);
      if (first !== undefined) {
        reject(row.line, `the same email as line ${first}`);
        continue;
      }
      seen.set(row.key, row.line);
      batch.push(row);
      if (batch.length >= BATCH) {
        await flush(batch);
        batch = [];
      }
    }
    await flush(batch);
  }

  /** Writes one batch in its own transaction: erased addresses skipped, the rest added or updated. */
  private async flush(
    actor: Actor,
    branchId: string,
    batch: ImportRow[],
    report: ImportReport,
    reject: Reject,
  ): Promise<void> {
    if (batch.length === 0) {
      return;
    }
    await this.outbox.transaction(async (manager, mail) => {
      const suppressed = await this.suppressions.suppressedKeys(
        manager,
        batch.map((r) => r.email),
      );
      const live = batch.filter((r) => !suppressed.has(suppressionKey(r.email)));
      report.skipped += batch.length - live.length;

      // The branch's own records of these addresses (the person's own record first), and which
      // addresses the campaign knows elsewhere: those get a provisional record in this branch,
      // counted as created like any new address (see BranchRecordsService).
      const known = await this.members.lockKnown(
        manager,
        live.map((r) => r.email),
        branchId,
      );
      const plan = planBatch(live, known, branchId);
      await this.insert(manager, mail, actor, branchId, plan.toInsert, false, report, reject);
      await this.insert(manager, mail, actor, branchId, plan.toAddProvisional, true, report, reject);
      if (plan.toUpdate.length > 0) {
        await this.members.updateMany(manager, plan.toUpdate);
        report.updated += plan.toUpdate.length;
        await this.consent.recordMany(
          manager,
          plan.toUpdate.filter((r) => r.optedOut).map((r) => ({ memberId: r.id, emailOptIn: false })),
          'import',
          actor.memberId,
        );
      }
    });
  }

  /**
   * Adds new (or provisional) records with the consent given; a provisional record's person is
   * asked by email whether it is theirs. A row someone else added meanwhile is rejected.
   */
  private async insert(
    manager: EntityManager,
    mail: Mailbag,
    actor: Actor,
    branchId: string,
    rows: ImportRow[],
    provisional: boolean,
    report: ImportReport,
    reject: Reject,
  ): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const inserted = await this.members.insertMany(manager, rows, branchId, provisional);
    report.created += inserted.length;
    const added = new Set(inserted.map((r) => r.key));
    for (const row of rows) {
      if (!added.has(row.key)) {
        reject(row.line, 'added by someone else at the same moment; import the line again');
      }
    }
    await this.consent.recordMany(
      manager,
      inserted.map((r) => ({ memberId: r.id, emailOptIn: r.email_opt_in })),
      'import',
      actor.memberId,
    );
    if (provisional && inserted.length > 0) {
      const records = await this.members.findByIds(
        inserted.map((r) => r.id),
        manager,
      );
      for (const record of records) {
        await this.records.offerLink(manager, mail, record, { kind: 'added' });
      }
    }
  }
}

/** The CSV reader for imports: forgiving of ragged lines (rejected one by one), strict on the header. */
function csvParser(): Parser {
  return parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: 64 * 1024,
    info: true,
    columns: importColumns,
  });
}

/** An exported row made safe for spreadsheets (no formulas), with times in ISO 8601. */
function csvRecord(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'string' ? csvSafe(value) : value instanceof Date ? value.toISOString() : value,
    ]),
  );
}

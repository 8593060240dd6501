import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import { isEmail } from 'class-validator';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager, In } from 'typeorm';
import { Branch } from '@app/branches';
import {
  Actor,
  AuditService,
  BadUserInputError,
  csvSafe,
  csvWriter,
  liftStatementTimeout,
  writeTo,
  ForbiddenError,
  NotFoundError,
  normalisePostcode,
} from '@app/core';
import { OutboxService } from '@app/mail';
import { BranchRecordsService } from './branch-records.service';
import { EMAIL_CONSENT, NO_EMAIL_CONSENT_TEXT } from './consent';
import { suppressionKey } from './suppression.repository';
import { Member } from './member.entity';

const BATCH = 1000;
const MAX_LISTED_REJECTIONS = 1000;
const TAG = /^[a-z0-9][a-z0-9 _-]{0,39}$/;

const HEADER_ALIASES: Record<string, string> = {
  name: 'full_name',
  fullname: 'full_name',
  email_address: 'email',
  opt_in: 'email_opt_in',
  emailoptin: 'email_opt_in',
};

export const IMPORT_COLUMNS = ['email', 'full_name', 'postcode', 'email_opt_in', 'tags'] as const;

export interface ImportReport {
  created: number;
  updated: number;
  /** People who asked for their data to be erased: never added again. */
  skipped: number;
  rejectedCount: number;
  /** The first thousand rejected rows, by line number in the file. */
  rejected: Array<{ line: number; reason: string }>;
}

interface ImportRow {
  line: number;
  email: string;
  key: string;
  fullName: string;
  postcode: string | null;
  optIn: boolean | null;
  tags: string[];
}

function parseOptIn(value: string | undefined): boolean | null | 'invalid' {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') {
    return null;
  }
  if (['yes', 'y', 'true', '1'].includes(v)) {
    return true;
  }
  return ['no', 'n', 'false', '0'].includes(v) ? false : 'invalid';
}

/** One CSV row to an import row, or the reason it is refused. */
export function readImportRow(record: Record<string, string | undefined>, line: number): ImportRow | string {
  // PostgreSQL cannot store NUL characters: one such cell would fail its whole batch.
  if (Object.values(record).some((value) => value?.includes('\u0000'))) {
    return 'a cell holds a NUL character';
  }
  const email = (record.email ?? '').trim();
  if (!isEmail(email) || email.length > 320) {
    return 'email is not an email address';
  }
  const fullName = (record.full_name ?? '').trim();
  if (fullName.length < 1 || fullName.length > 200) {
    return 'full_name must be 1 to 200 characters';
  }
  const rawPostcode = (record.postcode ?? '').trim();
  const postcode = rawPostcode ? normalisePostcode(rawPostcode) : null;
  if (rawPostcode && !postcode) {
    return 'postcode is not a UK postcode';
  }
  const optIn = parseOptIn(record.email_opt_in);
  if (optIn === 'invalid') {
    return 'email_opt_in must be yes or no';
  }
  const tags = [
    ...new Set(
      (record.tags ?? '')
        .split(/[;,]/)
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ].sort();
  if (tags.some((t) => !TAG.test(t))) {
    return 'tags must be lower-case words separated by ";"';
  }
  return { line, email, key: email.toLowerCase(), fullName, postcode, optIn, tags };
}

/**
 * Members in and out of CSV, for organisers of the branch. Both directions stream: an import of
 * any size is read and written a thousand rows at a time, and an export is written as it is read.
 */
@Injectable()
export class MemberCsvService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const report: ImportReport = { created: 0, updated: 0, skipped: 0, rejectedCount: 0, rejected: [] };
    const reject = (line: number, reason: string): void => {
      report.rejectedCount += 1;
      if (report.rejected.length < MAX_LISTED_REJECTIONS) {
        report.rejected.push({ line, reason });
      }
    };

    const parser = parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      max_record_size: 64 * 1024,
      info: true,
      columns: (header: string[]) => {
        const columns = header.map((h) => {
          const name = h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_');
          return HEADER_ALIASES[name] ?? name;
        });
        const missing = ['email', 'full_name'].filter((c) => !columns.includes(c));
        if (missing.length > 0) {
          throw new BadUserInputError(
            `The first line must name the columns; missing: ${missing.join(', ')}.`,
            [{ field: 'header', message: `missing ${missing.join(', ')}` }],
          );
        }
        return columns;
      },
    });
    parser.on('skip', (error: Error & { lines?: number }) =>
      reject(error.lines ?? 0, `unreadable CSV: ${error.message}`),
    );

    const seen = new Map<string, number>();
    let batch: ImportRow[] = [];
    let complete = false;
    input.pipe(parser);
    input.on('error', (error) => parser.destroy(error));
    try {
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
          await this.flush(actor, branchId, batch, report, reject);
          batch = [];
        }
      }
      await this.flush(actor, branchId, batch, report, reject);
      complete = true;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (!(error instanceof BadUserInputError) && typeof code === 'string' && code.startsWith('CSV_')) {
        throw new BadUserInputError(`The file could not be read as CSV: ${(error as Error).message}`, [
          { field: 'file', message: 'is not CSV' },
        ]);
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
    const queryRunner = this.dataSource.createQueryRunner();
    let rows = 0;
    let restoreTimeout: (() => Promise<void>) | undefined;
    try {
      restoreTimeout = await liftStatementTimeout(queryRunner);
      const source = await this.dataSource
        .getRepository(Member)
        .createQueryBuilder('m', queryRunner)
        .select('m.email', 'email')
        .addSelect('m.full_name', 'full_name')
        .addSelect('m.postcode', 'postcode')
        .addSelect('m.email_opt_in', 'email_opt_in')
        .addSelect('m.email_confirmed_at IS NOT NULL', 'email_confirmed')
        .addSelect(`array_to_string(m.tags, ';')`, 'tags')
        .addSelect('m.created_at', 'joined_at')
        .addSelect('m.archived_at IS NOT NULL', 'archived')
        .where('m.branch_id = :branchId AND m.erased_at IS NULL', { branchId })
        .orderBy('m.created_at')
        .stream();
      const toRecord = new Transform({
        objectMode: true,
        transform(row: Record<string, unknown>, _encoding, done) {
          rows += 1;
          done(
            null,
            Object.fromEntries(
              Object.entries(row).map(([key, value]) => [
                key,
                typeof value === 'string'
                  ? csvSafe(value)
                  : value instanceof Date
                    ? value.toISOString()
                    : value,
              ]),
            ),
          );
        },
      });
      const csv = csvWriter(
        [
          'email',
          'full_name',
          'postcode',
          'email_opt_in',
          'email_confirmed',
          'tags',
          'joined_at',
          'archived',
        ],
        { boolean: (value) => (value ? 'yes' : 'no') },
      );
      await pipeline(source, toRecord, csv, writeTo(out));
    } finally {
      await restoreTimeout?.();
      await queryRunner.release();
      // Audited even when cut short: rows counts what was sent.
      await this.audit.record({ action: 'member.export', actorId: actor.memberId, branchId, rowCount: rows });
    }
    return rows;
  }

  /** FORBIDDEN outside the caller's branches, NOT_FOUND for a branch that does not exist. */
  async checkBranch(actor: Actor, branchId: string): Promise<void> {
    if (!actor.canManageBranch(branchId)) {
      throw new ForbiddenError('You can import and export only the members of branches you organise.');
    }
    if (!(await this.dataSource.getRepository(Branch).existsBy({ id: branchId }))) {
      throw new NotFoundError('Branch');
    }
  }

  private async flush(
    actor: Actor,
    branchId: string,
    batch: ImportRow[],
    report: ImportReport,
    reject: (line: number, reason: string) => void,
  ): Promise<void> {
    if (batch.length === 0) {
      return;
    }
    await this.outbox.transaction(async (manager, mail) => {
      const suppressed = new Set(
        (
          await manager.query<Array<{ email_hash: string }>>(
            'SELECT email_hash FROM suppression WHERE email_hash = ANY($1::text[])',
            [batch.map((r) => suppressionKey(r.email))],
          )
        ).map((r) => r.email_hash),
      );
      const live = batch.filter((r) => !suppressed.has(suppressionKey(r.email)));
      report.skipped += batch.length - live.length;

      // The branch's own records of these addresses (the person's own record first), and which
      // addresses the campaign knows elsewhere: those get a provisional record in this branch,
      // counted as created like any new address (see BranchRecordsService).
      const known = await manager.query<
        Array<{
          id: string;
          key: string;
          branch_id: string | null;
          email_opt_in: boolean;
          provisional: boolean;
        }>
      >(
        `SELECT id, lower(email::text) AS key, branch_id, email_opt_in, provisional FROM member
         WHERE email = ANY($1::citext[]) AND (NOT provisional OR branch_id = $2::uuid)
         ORDER BY provisional, id FOR UPDATE`,
        [live.map((r) => r.email), branchId],
      );
      const inBranch = new Map<string, (typeof known)[number]>();
      const elsewhere = new Set<string>();
      for (const m of known) {
        if (m.branch_id === branchId) {
          if (!inBranch.has(m.key)) {
            inBranch.set(m.key, m);
          }
        } else {
          elsewhere.add(m.key);
        }
      }
      const toInsert: ImportRow[] = [];
      const toAddProvisional: ImportRow[] = [];
      const toUpdate: Array<ImportRow & { id: string; optedOut: boolean }> = [];
      for (const row of live) {
        const held = inBranch.get(row.key);
        if (held) {
          toUpdate.push({ ...row, id: held.id, optedOut: held.email_opt_in && row.optIn === false });
        } else if (elsewhere.has(row.key)) {
          toAddProvisional.push(row);
        } else {
          toInsert.push(row);
        }
      }

      for (const [rows, provisional] of [
        [toInsert, false],
        [toAddProvisional, true],
      ] as const) {
        if (rows.length === 0) {
          continue;
        }
        const inserted = await manager.query<Array<{ id: string; key: string; email_opt_in: boolean }>>(
          `INSERT INTO member (email, full_name, postcode, branch_id, email_opt_in, tags, provisional)
           SELECT i.email, i.full_name, i.postcode, $6::uuid, i.opt_in,
                  CASE WHEN i.tags = '' THEN '{}'::text[] ELSE string_to_array(i.tags, ';') END, $7::bool
           FROM unnest($1::citext[], $2::text[], $3::text[], $4::bool[], $5::text[])
             AS i(email, full_name, postcode, opt_in, tags)
           ON CONFLICT DO NOTHING
           RETURNING id, lower(email::text) AS key, email_opt_in`,
          [
            rows.map((r) => r.email),
            rows.map((r) => r.fullName),
            rows.map((r) => r.postcode),
            rows.map((r) => r.optIn === true),
            rows.map((r) => r.tags.join(';')),
            branchId,
            provisional,
          ],
        );
        report.created += inserted.length;
        const added = new Set(inserted.map((r) => r.key));
        for (const row of rows) {
          if (!added.has(row.key)) {
            reject(row.line, 'added by someone else at the same moment; import the line again');
          }
        }
        await this.recordImportConsent(
          manager,
          actor,
          inserted.map((r) => ({ id: r.id, optIn: r.email_opt_in })),
        );
        if (provisional && inserted.length > 0) {
          const records = await manager.find(Member, {
            where: { id: In(inserted.map((r) => r.id)) },
            order: { id: 'ASC' },
          });
          for (const record of records) {
            await this.records.offerLink(manager, mail, record, { kind: 'added' });
          }
        }
      }

      if (toUpdate.length > 0) {
        await manager.query(
          `UPDATE member m SET
             full_name = i.full_name,
             postcode = COALESCE(i.postcode, m.postcode),
             email_opt_in = CASE WHEN i.opt_in IS FALSE THEN false ELSE m.email_opt_in END,
             tags = ARRAY(SELECT DISTINCT t FROM unnest(m.tags || CASE WHEN i.tags = '' THEN '{}'::text[]
                          ELSE string_to_array(i.tags, ';') END) AS t ORDER BY t),
             updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bool[], $5::text[])
             AS i(id, full_name, postcode, opt_in, tags)
           WHERE m.id = i.id`,
          [
            toUpdate.map((r) => r.id),
            toUpdate.map((r) => r.fullName),
            toUpdate.map((r) => r.postcode),
            toUpdate.map((r) => r.optIn),
            toUpdate.map((r) => r.tags.join(';')),
          ],
        );
        report.updated += toUpdate.length;
        await this.recordImportConsent(
          manager,
          actor,
          toUpdate.filter((r) => r.optedOut).map((r) => ({ id: r.id, optIn: false })),
        );
      }
    });
  }

  private async recordImportConsent(
    manager: EntityManager,
    actor: Actor,
    changes: Array<{ id: string; optIn: boolean }>,
  ): Promise<void> {
    if (changes.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO consent_record (member_id, email_opt_in, wording, wording_version, source, recorded_by_id)
       SELECT c.id, c.opt_in, CASE WHEN c.opt_in THEN $3 ELSE $4 END, $5, 'import', $6::uuid
       FROM unnest($1::uuid[], $2::bool[]) AS c(id, opt_in)`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.optIn),
        EMAIL_CONSENT.text,
        NO_EMAIL_CONSENT_TEXT,
        EMAIL_CONSENT.version,
        actor.memberId,
      ],
    );
  }
}

import { isEmail } from 'class-validator';
import { normalisePostcode } from '@app/core';
import type { ImportedMember, KnownAddress } from './member.repository';
import { ImportColumnsMissingError } from './members.errors';

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

export interface ImportRow extends ImportedMember {
  line: number;
  /** The address lower-cased: how duplicates and known records are matched. */
  key: string;
}

/** An empty report, and how a line is rejected into it (only the first thousand are listed). */
export function newImportReport(): { report: ImportReport; reject: (line: number, reason: string) => void } {
  const report: ImportReport = { created: 0, updated: 0, skipped: 0, rejectedCount: 0, rejected: [] };
  const reject = (line: number, reason: string): void => {
    report.rejectedCount += 1;
    if (report.rejected.length < MAX_LISTED_REJECTIONS) {
      report.rejected.push({ line, reason });
    }
  };
  return { report, reject };
}

/**
 * The file's first line to column names: trimmed, lower-cased, spaces and hyphens to "_", with the
 * usual other names ("Name", "Email address", "Opt-in"…) read as ours. Email and full name are
 * required.
 */
export function importColumns(header: string[]): string[] {
  const columns = header.map((h) => {
    const name = h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    return HEADER_ALIASES[name] ?? name;
  });
  const missing = ['email', 'full_name'].filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new ImportColumnsMissingError(missing);
  }
  return columns;
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

/** What one batch does with each row. */
export interface BatchPlan {
  /** Addresses the campaign does not know: new records. */
  toInsert: ImportRow[];
  /** Addresses known elsewhere: a provisional record in this branch (counted as created). */
  toAddProvisional: ImportRow[];
  /** The branch's own records: updated; `optedOut` when this import turns their email off. */
  toUpdate: Array<ImportRow & { id: string; optedOut: boolean }>;
}

/**
 * Sorts a batch's rows by what the campaign holds of their addresses (`known`: the people's own
 * records and the branch's provisional ones, the own record first): the branch's own record is
 * updated, an address held elsewhere gets a provisional record, any other is new.
 */
export function planBatch(rows: ImportRow[], known: KnownAddress[], branchId: string): BatchPlan {
  const inBranch = new Map<string, KnownAddress>();
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
  const plan: BatchPlan = { toInsert: [], toAddProvisional: [], toUpdate: [] };
  for (const row of rows) {
    const held = inBranch.get(row.key);
    if (held) {
      plan.toUpdate.push({ ...row, id: held.id, optedOut: held.email_opt_in && row.optIn === false });
    } else if (elsewhere.has(row.key)) {
      plan.toAddProvisional.push(row);
    } else {
      plan.toInsert.push(row);
    }
  }
  return plan;
}

import { parse } from 'csv-parse';
import { isEmail } from 'class-validator';
import { Readable } from 'node:stream';
import { BadUserInputError, normalisePostcode } from '@app/core';
import { TARGET_KINDS, TargetKind } from './target.entity';
import type { TargetFields } from './target.repository';

/*
 * The rows of the published CSV contracts (README), read and checked without the database; the
 * import service writes them.
 */

/** The Scottish Parliament's shape: 73 constituencies in 8 regions, 7 list MSPs each. */
export const SCOTLAND = { constituencies: 73, regions: 8, regionalMsps: 56 } as const;

const CODE = /^[A-Z0-9]{3,12}$/;

/**
 * The rows of a CSV file with a header line naming at least the `required` columns (any case),
 * each with its line number. A missing column or a file that is not CSV is BAD_USER_INPUT.
 */
export async function* csvRows(
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

export interface GeographyRow {
  constituencyCode: string;
  constituencyName: string;
  regionCode: string;
  regionName: string;
}

/** A row of a geography file, or why it is rejected. */
export function readGeographyRow(row: Record<string, string>): GeographyRow | { problem: string } {
  if (
    !CODE.test(row.constituency_code ?? '') ||
    !CODE.test(row.region_code ?? '') ||
    !row.constituency_name ||
    !row.region_name
  ) {
    return { problem: 'codes must be letters and digits, and names must be given' };
  }
  return {
    constituencyCode: row.constituency_code,
    constituencyName: row.constituency_name,
    regionCode: row.region_code,
    regionName: row.region_name,
  };
}

/** The warning when a geography set does not have Scotland's shape; null when it does. */
export function geographyShapeWarning(
  setName: string,
  size: { constituencies: number; regions: number },
): string | null {
  if (size.constituencies === SCOTLAND.constituencies && size.regions === SCOTLAND.regions) {
    return null;
  }
  return `Set "${setName}" has ${size.constituencies} constituencies in ${size.regions} regions; the Scottish Parliament has ${SCOTLAND.constituencies} in ${SCOTLAND.regions}.`;
}

/**
 * A row of a postcodes file: the postcode (normalised) and its constituency, or why it is rejected
 * (not a postcode, a constituency the set does not have, a postcode `seen` before in the file).
 */
export function readPostcodeRow(
  row: Record<string, string>,
  set: { name: string; constituencies: ReadonlySet<string> },
  seen: ReadonlySet<string>,
): { postcode: string; code: string } | { problem: string } {
  const postcode = normalisePostcode(row.postcode ?? '');
  if (!postcode) {
    return { problem: 'postcode is not a UK postcode' };
  }
  if (!set.constituencies.has(row.constituency_code)) {
    return { problem: `no constituency ${row.constituency_code} in set "${set.name}"` };
  }
  if (seen.has(postcode)) {
    return { problem: 'the same postcode again' };
  }
  return { postcode, code: row.constituency_code };
}

/**
 * A row of a targets file
 * (`kind,name,title,organisation,email,party,constituency_code,region_code,branch_slug`) as a
 * target's fields, or why it is rejected. `branches`: branch ids by slug.
 */
export function readImportRow(
  row: Record<string, string>,
  branches: ReadonlyMap<string, string>,
): TargetFields | { problem: string } {
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
    return { problem };
  }
  return {
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
}

/**
 * The warning when the active MSP targets do not have the Scottish Parliament's shape (73
 * constituency and 56 regional MSPs), naming the difference; null when they do, or when there are
 * no MSPs at all.
 */
export function mspShapeProblem(counts: { constituency: number; regional: number }): string | null {
  const { constituency, regional } = counts;
  if (
    (constituency || regional) &&
    (constituency !== SCOTLAND.constituencies || regional !== SCOTLAND.regionalMsps)
  ) {
    return `There are ${constituency} constituency and ${regional} regional MSPs; the Scottish Parliament has ${SCOTLAND.constituencies} and ${SCOTLAND.regionalMsps} (a difference of ${constituency - SCOTLAND.constituencies} and ${regional - SCOTLAND.regionalMsps}).`;
  }
  return null;
}

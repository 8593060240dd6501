import { Options, stringify, Stringifier } from 'csv-stringify';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula. Prefixing an apostrophe makes it plain text (OWASP's advice for CSV injection).
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The writer for every CSV export: a header row, every text cell formula-safe (so no export can
 * forget it), and cells quoted when they hold a comma, quote or line break (RFC 4180) and also a
 * semicolon, tab or backslash: spreadsheets set to another list separator split an unquoted cell
 * there, and the piece after it would start a new cell (and could start with `=`).
 */
export function csvWriter(
  columns: string[],
  cast: Omit<NonNullable<Options['cast']>, 'string'> = {},
): Stringifier {
  return stringify({
    header: true,
    columns,
    cast: { ...cast, string: csvSafe },
    quoted_match: /[;\t\\]/,
  });
}

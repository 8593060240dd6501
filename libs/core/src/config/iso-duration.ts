/**
 * ISO 8601 durations as the settings take them: weeks, days, hours, minutes and seconds
 * (`P14D`, `P1W`, `PT20S`, `P1DT12H`, `PT0.5S`). Years and months have no fixed length, so they are
 * refused rather than guessed.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** The duration in milliseconds, or null when it is not one this form allows. */
export function parseIsoDuration(value: string): number | null {
  const match = DURATION.exec(value.trim().toUpperCase());
  if (!match || value.trim().toUpperCase() === 'P' || /T$/.test(value.trim())) {
    return null;
  }
  const [, weeks, days, hours, minutes, seconds] = match;
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) {
    return null;
  }
  const n = (part: string | undefined): number => (part ? Number(part.replace(',', '.')) : 0);
  return Math.round(
    ((((n(weeks) * 7 + n(days)) * 24 + n(hours)) * 60 + n(minutes)) * 60 + n(seconds)) * 1000,
  );
}

/** The pattern the environment's validation uses (the same rule as `parseIsoDuration`). */
export const ISO_DURATION_PATTERN = /^P(?=\d|T\d)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$/i;

import { DateTime } from 'luxon';

export const LONDON = 'Europe/London';

const LONG = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: LONDON,
});

/** "Sunday, 28 March 2027 at 10:30", as people in Scotland read the instant. */
export function londonTime(instant: Date): string {
  return LONG.format(instant);
}

const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: LONDON });

/** "12:30": the time of day of an instant in Europe/London. */
export function londonClock(instant: Date): string {
  return CLOCK.format(instant);
}

/** The calendar date of an instant in Europe/London, YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: LONDON }).toISODate()!;
}

/** A YYYY-MM-DD date plus whole months (the end of a shorter month clamps, as luxon does). */
export function addMonths(date: string, months: number): string {
  return DateTime.fromISO(date, { zone: LONDON }).plus({ months }).toISODate()!;
}

import { DateTime } from 'luxon';

/** How long a verified pledge runs before it must be renewed. */
export const PLEDGE_MONTHS = 12;

/** Calendar months later; the 29th–31st fall back to the month's last day (29 Feb + 12 months = 28 Feb). */
export function plusMonths(from: Date, months: number): Date {
  return DateTime.fromJSDate(from, { zone: 'utc' }).plus({ months }).toJSDate();
}

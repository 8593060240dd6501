import { DateTime } from 'luxon';

/**
 * The latest daily digest time (`HH:MM`, Europe/London) at or before `now`: letters waiting from
 * before it go in that day's digest; later ones wait for the next. Summer time is London's own.
 */
export function digestCutoff(now: Date, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const here = DateTime.fromJSDate(now, { zone: 'Europe/London' });
  let at = here.set({ hour, minute, second: 0, millisecond: 0 });
  if (at > here) {
    at = at.minus({ days: 1 });
  }
  return at.toJSDate();
}

/** The London date (`YYYY-MM-DD`) of a digest time: the day its digests are marked with. */
export function digestDay(cutoff: Date): string {
  return DateTime.fromJSDate(cutoff, { zone: 'Europe/London' }).toISODate()!;
}

/**
 * The digest's text: the text the letters share (the first letter's lines that most of them have),
 * shown once, and each letter's own lines (those not in the shared text), each quoted once. Pure.
 */
export function digestParts(bodies: string[]): { shared: string; own: string[] } {
  const lines = bodies.map((body) =>
    body
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  );
  const counts = new Map<string, number>();
  for (const set of lines.map((l) => new Set(l))) {
    for (const line of set) {
      counts.set(line, (counts.get(line) ?? 0) + 1);
    }
  }
  const common = (line: string): boolean => (counts.get(line) ?? 0) * 2 > bodies.length;
  const shared = (lines[0] ?? []).filter(common);
  return {
    shared: shared.join('\n'),
    own: lines.map((l) => l.filter((line) => !common(line)).join('\n')),
  };
}

/**
 * The body with the writer's full postcode (any case, any spacing: "ab2 1dd", "AB21DD") replaced by
 * its district: a digest names each writer with their district only, and a line that carried the
 * postcode (`{{supporter.postcode}}`) would otherwise differ per writer and be quoted as their own
 * words, full postcode and all. Pure.
 */
export function withDistrictOnly(body: string, postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  if (!compact) {
    return body;
  }
  const district = postcode.trim().split(/\s+/)[0].toUpperCase();
  const pattern = compact
    .split('')
    .map((c) => c.replace(/[^A-Z0-9]/g, '\\$&'))
    .join('\\s*');
  return body.replace(new RegExp(`(?<![A-Za-z0-9])${pattern}(?![A-Za-z0-9])`, 'gi'), district);
}

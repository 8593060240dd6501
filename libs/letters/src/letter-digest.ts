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

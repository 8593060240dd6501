import { EntityManager } from 'typeorm';
import { hashRequest } from './request-hash';

/** JSON with object keys in order, so equal requests give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Whether this public request is the first of identical ones (`kind` and `request` alike) within
 * `windowMs`: a double-click, a form sent again, ten at once. Only the first may write or mail
 * anything; the others are answered the same and do nothing, so no second email goes out and no
 * link already sent is replaced.
 *
 * Runs in the caller's transaction, first thing: an identical request arriving meanwhile waits
 * for it, and goes ahead after all if it rolled back, so a failure never swallows the repeat.
 * Only a hash of the request is kept, and only for the window.
 */
export async function isFirstRequest(
  manager: EntityManager,
  windowMs: number,
  kind: string,
  request: unknown,
): Promise<boolean> {
  if (windowMs <= 0) {
    return true; // REPEAT_WINDOW_SECONDS=0: every request counts on its own
  }
  const rows = await manager.query<Array<{ key: string }>>(
    `INSERT INTO recent_request (key, seen_at) VALUES ($1, now())
     ON CONFLICT (key) DO UPDATE SET seen_at = now()
       WHERE recent_request.seen_at <= now() - make_interval(secs => $2)
     RETURNING key`,
    [hashRequest(`${kind}\n${canonicalJson(request)}`), windowMs / 1000],
  );
  return rows.length > 0;
}

/** Forgets requests older than the window (run on the worker's schedule). */
export async function forgetRecentRequests(manager: EntityManager, windowMs: number): Promise<number> {
  const [, count] = await manager.query<[unknown[], number]>(
    `DELETE FROM recent_request WHERE seen_at <= now() - make_interval(secs => $1)`,
    [windowMs / 1000],
  );
  return count;
}

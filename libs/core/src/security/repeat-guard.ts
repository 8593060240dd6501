import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { RecentRequestRepository } from './recent-request.repository';
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
  // The statement runs in the caller's transaction; the repository holds nothing else.
  return new RecentRequestRepository(manager.connection).claim(repeatKey(kind, request), windowMs, manager);
}

/**
 * The key `isFirstRequest` keeps for a request (a keyed hash), for a path that claims it in a
 * statement of its own making (a signing claims it inside `sign_petition`, in one round trip).
 */
export function repeatKey(kind: string, request: unknown): string {
  return hashRequest(`${kind}\n${canonicalJson(request)}`);
}

/** The repeat guard's upkeep, for the worker's schedule. */
@Injectable()
export class RepeatGuard {
  constructor(
    private readonly recentRequests: RecentRequestRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Claims a request in a statement of its own, in autocommit (see `isFirstRequest`): true when it
   * is the first of its kind within REPEAT_WINDOW_SECONDS (always, with the window at 0). For a
   * path whose work is a statement of its own after it; if that work fails, `release` the key.
   */
  claim(key: string): Promise<boolean> {
    const windowMs = this.config.repeatWindowMs;
    return windowMs <= 0 ? Promise.resolve(true) : this.recentRequests.claim(key, windowMs);
  }

  /**
   * Forgets a request claimed in a statement that committed on its own (`repeatKey`), whose further
   * work then failed: an identical request goes ahead after all, so a failure never swallows it.
   */
  release(key: string): Promise<void> {
    return this.recentRequests.release(key);
  }

  /** Forgets requests older than REPEAT_WINDOW_SECONDS; how many. */
  forgetOld(): Promise<number> {
    return this.recentRequests.forgetOlderThan(this.config.repeatWindowMs);
  }
}

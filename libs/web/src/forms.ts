import { Inject, Injectable, Type } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import {
  AddressHasher,
  allowFraming,
  AppConfig,
  BadUserInputError,
  CONTENT_SECURITY_POLICY,
  createValidationPipe,
  DomainError,
} from '@app/core';
import { FormRateLimitedError } from './web.errors';

/** A submitted form's fields as strings (what the person typed, to show again if it fails). */
export type FormValues = Record<string, string>;

/** Reads the named text fields of a urlencoded body; anything else is ignored. */
export function formValues(body: unknown, names: readonly string[]): FormValues {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const name of names) {
    const value = source[name];
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** An HTML checkbox is present (value "yes") when ticked and absent when not. */
export function ticked(body: unknown, name: string): boolean {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return source[name] === 'yes';
}

const pipe = createValidationPipe();

/**
 * Validates a form against the same input class the GraphQL mutation uses, so a page and the API
 * refuse the same things with the same words. Throws BadUserInputError with the failing fields.
 */
export async function validateForm<T extends object>(
  type: Type<T>,
  raw: Record<string, unknown>,
): Promise<T> {
  return (await pipe.transform(raw, { type: 'body', metatype: type })) as T;
}

/** Sends a rendered page: HTML, never cached by shared caches, no cookies. */
export function sendPage(
  res: Response,
  html: string,
  status = 200,
  options: { cache?: 'no-store' | 'public' } = {},
): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', options.cache === 'public' ? 'public, max-age=60' : 'no-store');
  res.send(html);
}

/** Post-redirect-get: a successful form post sends the browser to a page it can reload safely. */
export function redirectAfterPost(res: Response, location: string): void {
  res.redirect(303, location);
}

/**
 * The public rate limit for form posts, with the same limit and window as public GraphQL mutations
 * (RATE_LIMIT_PUBLIC per RATE_LIMIT_TTL_SECONDS per client address, counted in the same Redis
 * storage). It runs inside the page controller instead of as a guard so that a refused post shows
 * the form again with everything the person typed, instead of losing it.
 */
@Injectable()
export class FormRateLimit {
  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
    private readonly hasher: AddressHasher,
  ) {}

  async consume(req: Request, action: string): Promise<void> {
    // Keyed like every other rate-limit counter: never the client address itself.
    const key = this.hasher.clientAddress(req.ip ?? 'unknown', `page-${action}-public`);
    const ttl = this.config.rateLimit.ttlSeconds * 1000;
    const record = await this.storage.increment(key, ttl, this.config.rateLimit.publicLimit, ttl, 'public');
    if (record.isBlocked) {
      throw new FormRateLimitedError();
    }
  }
}

/** Is this an error the person can fix (or wait out) by sending the form again? */
export function isFormError(error: unknown): error is DomainError {
  return error instanceof BadUserInputError || error instanceof FormRateLimitedError;
}

/**
 * An /embed/ page may be framed by the origins in EMBED_ALLOWED_ORIGINS and no others (every other
 * page keeps `frame-ancestors 'none'`; an error page, even under /embed/, is never framable: the
 * page error filter locks it down again).
 */
export function embedHeaders(res: Response, allowedOrigins: readonly string[]): void {
  allowFraming(res, allowedOrigins);
}

/** The strict policy every response starts with (as helmet writes it). */
export const STRICT_CONTENT_SECURITY_POLICY = Object.entries(CONTENT_SECURITY_POLICY)
  .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
  .join(';');

/** Undoes `embedHeaders` (for an error page answered instead of the embed). */
export function lockFraming(res: Response): void {
  res.setHeader('Content-Security-Policy', STRICT_CONTENT_SECURITY_POLICY);
  res.setHeader('X-Frame-Options', 'DENY');
}

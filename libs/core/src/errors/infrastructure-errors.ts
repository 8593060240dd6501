import { QueryFailedError } from 'typeorm';
import {
  BadUserInputError,
  ConflictError,
  DomainError,
  NotFoundError,
  ServiceUnavailableError,
} from './domain.errors';

interface DriverError {
  code?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
}

const DATABASE_AWAY = 'We could not reach our database just now. Please try again in a moment.';
const DATABASE_BUSY = 'We are very busy just now and could not finish this. Please try again in a moment.';
const REDIS_AWAY = 'Part of our service is briefly unavailable. Please try again in a moment.';
const NETWORK_AWAY = 'Part of our service cannot be reached just now. Please try again in a moment.';

/** What node-postgres and pg-pool say when the connection, not the statement, failed (they carry no SQLSTATE). */
const PG_CONNECTION_MESSAGES = [
  'timeout exceeded when trying to connect',
  'timeout expired',
  'Connection terminated',
  'Query read timeout',
  'is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** Socket failures: the other end is down, unreachable or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say "not now" rather than "not this": the connection failed (08), the server is out
 * of resources (53) or shutting down or cancelled the statement at its time limit (57), a lock or a
 * serialisation conflict (55P03, 40001, 40P01), or a read-only server after a failover (25006).
 */
function isTransientSqlState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code.startsWith('53') ||
    code.startsWith('57') ||
    ['55P03', '40001', '40P01', '25006'].includes(code)
  );
}

/** ioredis's own failures when Redis is away or refuses work for now. */
function isRedisAway(error: Error): boolean {
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    error.message === 'Connection is closed.' ||
    error.message === 'Command timed out' ||
    error.message.startsWith("Stream isn't writeable") ||
    (error.name === 'ReplyError' &&
      /^(LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN|OOM)\b/.test(error.message))
  );
}

const camel = (column: string): string => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A foreign key refused the write. Our constraints are named `<table>_<column>_fkey`, so the column
 * (and the input field it came from) can be named. Inserting or updating a row that points at a row
 * that does not exist is NOT_FOUND; deleting a row still pointed at is CONFLICT.
 */
function foreignKeyError(query: string, driver: DriverError): DomainError {
  if (/^\s*DELETE\b/i.test(query)) {
    return new ConflictError('This is still in use elsewhere, so it cannot be removed.');
  }
  const table = typeof driver.table === 'string' ? driver.table : '';
  const constraint = typeof driver.constraint === 'string' ? driver.constraint : '';
  const column =
    table && constraint.startsWith(`${table}_`) && constraint.endsWith('_fkey')
      ? constraint.slice(table.length + 1, -'_fkey'.length)
      : undefined;
  if (!column) {
    return new NotFoundError('Something this refers to');
  }
  const thing = column.replace(/_id$/, '').replace(/_/g, ' ');
  return new NotFoundError(thing.charAt(0).toUpperCase() + thing.slice(1), [
    { field: camel(column), message: 'does not exist' },
  ]);
}

function fromSqlState(code: string, query: string, driver: DriverError): DomainError | undefined {
  if (isTransientSqlState(code)) {
    return new ServiceUnavailableError(code.startsWith('08') ? DATABASE_AWAY : DATABASE_BUSY);
  }
  const column = typeof driver.column === 'string' ? driver.column : undefined;
  switch (code) {
    case '23505':
      return new ConflictError('This already exists.', 'ALREADY_EXISTS');
    case '23P01':
      return new ConflictError('This clashes with something that already exists.');
    case '23503':
      return foreignKeyError(query, driver);
    case '23502':
      return new BadUserInputError(
        'A required value is missing.',
        column ? [{ field: camel(column), message: 'is required' }] : [],
      );
    case '23514':
      return new BadUserInputError('A value is outside what is allowed here.');
    case '22P02':
      return new BadUserInputError('An id or value is not in the expected form.');
    case '22021':
      return new BadUserInputError('Text may not contain NUL characters.');
    default:
      // Class 22, "data exception": a value the column cannot hold (too long, out of range, a date
      // that does not exist). The value came from outside, so it is bad input, never a 500.
      return code.startsWith('22')
        ? new BadUserInputError('A value is not in the expected form.')
        : undefined;
  }
}

function causesOf(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof QueryFailedError ? current.driverError : current.cause;
  }
  return chain;
}

/**
 * The domain error an infrastructure failure means to a client, or undefined for anything else
 * (which is a bug, and stays a generic INTERNAL_SERVER_ERROR):
 * - a database or Redis that cannot be reached, is shutting down or is overloaded, and statements
 *   cut off by their time limit: SERVICE_UNAVAILABLE (retryable; nothing else to do);
 * - a unique or exclusion violation: CONFLICT; a foreign key to a row that does not exist:
 *   NOT_FOUND naming the field; a value the database cannot hold: BAD_USER_INPUT.
 * Used by both doors (GraphQL and plain HTTP), so every caller sees the same code.
 */
export function domainErrorFrom(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) {
    return error;
  }
  const query = error instanceof QueryFailedError ? error.query : '';
  for (const cause of causesOf(error)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const mapped = fromSqlState(code, query, cause as DriverError);
      if (mapped) {
        return mapped;
      }
    }
    if (PG_CONNECTION_MESSAGES.some((message) => cause.message.includes(message))) {
      return new ServiceUnavailableError(DATABASE_AWAY);
    }
    if (isRedisAway(cause)) {
      return new ServiceUnavailableError(REDIS_AWAY);
    }
    if (typeof code === 'string' && SOCKET_CODES.has(code)) {
      return new ServiceUnavailableError(error instanceof QueryFailedError ? DATABASE_AWAY : NETWORK_AWAY);
    }
  }
  return undefined;
}

import { HttpException, HttpStatus } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode } from './domain.errors';

const PG_UNIQUE_VIOLATION = '23505';
/** A value Postgres cannot read as its column's type, e.g. an id that is not a UUID. */
const PG_INVALID_TEXT = '22P02';

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_USER_INPUT',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
};

/** Codes Apollo itself produces for malformed requests; they are safe to pass through. */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * The one place where errors become GraphQL responses: domain errors keep their code and message,
 * a unique violation becomes CONFLICT, anything unexpected becomes a generic INTERNAL_SERVER_ERROR.
 * No stack trace or SQL ever leaves the server in production.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  raw: unknown,
  isProduction: boolean,
): GraphQLFormattedError {
  const error = unwrapResolverError(raw);
  const base = { locations: formatted.locations, path: formatted.path };

  if (error instanceof DomainError) {
    return {
      ...base,
      message: error.message,
      extensions: { code: error.code, ...(error.fields?.length ? { fields: error.fields } : {}) },
    };
  }
  if (error instanceof HttpException) {
    const code = HTTP_CODES[error.getStatus()] ?? 'INTERNAL_SERVER_ERROR';
    const message =
      code === 'TOO_MANY_REQUESTS'
        ? 'Too many requests. Please wait a moment and try again.'
        : code === 'INTERNAL_SERVER_ERROR'
          ? 'Something went wrong on our side.'
          : error.message;
    return { ...base, message, extensions: { code } };
  }
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string }).code === PG_UNIQUE_VIOLATION
  ) {
    return { ...base, message: 'This already exists.', extensions: { code: 'CONFLICT' } };
  }
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string }).code === PG_INVALID_TEXT
  ) {
    return {
      ...base,
      message: 'An id or value is not in the expected form.',
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: isProduction ? { code } : extensions };
  }
  return {
    ...base,
    message: isProduction ? 'Something went wrong on our side.' : formatted.message,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

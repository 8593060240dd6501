import { HttpException, HttpStatus } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode, ErrorReason, GENERIC_REASONS } from './domain.errors';
import { domainErrorFrom } from './infrastructure-errors';

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_USER_INPUT',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
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
 * The reason a refusal Apollo (or a validation rule) raised carries: its own when it names one (the
 * query limits: QUERY_TOO_DEEP, QUERY_TOO_COSTLY, TOO_MANY_ALIASES, …), else INVALID_INPUT for bad
 * variables and INVALID_REQUEST for a request that is not well-formed GraphQL.
 */
function requestReason(code: string, extensions: Record<string, unknown> | undefined): ErrorReason {
  const own = extensions?.reason;
  if (typeof own === 'string') {
    return own;
  }
  return code === 'BAD_USER_INPUT' ? GENERIC_REASONS.BAD_USER_INPUT : 'INVALID_REQUEST';
}

/**
 * The one place where errors become GraphQL responses: domain errors keep their code and message,
 * database and Redis failures become what they mean (domainErrorFrom: CONFLICT, NOT_FOUND,
 * BAD_USER_INPUT, SERVICE_UNAVAILABLE), anything unexpected becomes a generic INTERNAL_SERVER_ERROR.
 * Every error leaves with a `reason` beside its code (the generic one of its code when nothing more
 * specific is known). No stack trace or SQL ever leaves the server in production.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  raw: unknown,
  isProduction: boolean,
): GraphQLFormattedError {
  const error = unwrapResolverError(raw);
  const base = { locations: formatted.locations, path: formatted.path };

  // Errors raised before execution (the request's input checks) carry their domain error inside.
  const domain = domainErrorFrom(
    error instanceof GraphQLError && error.originalError ? error.originalError : error,
  );
  if (domain) {
    return {
      ...base,
      message: domain.message,
      extensions: {
        code: domain.code,
        reason: domain.reason,
        ...(domain.fields?.length ? { fields: domain.fields } : {}),
      },
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
    return { ...base, message, extensions: { code, reason: GENERIC_REASONS[code] } };
  }
  const code = formatted.extensions?.code;
  // Apollo refuses some malformed requests (an unsupported or mismatched persisted query) with a
  // 4xx status but no code of their own (Apollo then says INTERNAL_SERVER_ERROR): they are the
  // client's, so BAD_REQUEST.
  if (raw instanceof GraphQLError && raw.extensions.code === undefined) {
    const status = (raw.extensions.http as { status?: unknown } | undefined)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return {
        ...base,
        message: formatted.message,
        extensions: { code: 'BAD_REQUEST', reason: 'INVALID_REQUEST' },
      };
    }
  }
  if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const reason = requestReason(code, formatted.extensions);
    return { ...formatted, extensions: isProduction ? { code, reason } : { ...extensions, reason } };
  }
  return {
    ...base,
    message: isProduction ? 'Something went wrong on our side.' : formatted.message,
    extensions: { code: 'INTERNAL_SERVER_ERROR', reason: GENERIC_REASONS.INTERNAL_SERVER_ERROR },
  };
}

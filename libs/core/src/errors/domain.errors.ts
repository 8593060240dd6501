/** The error codes every client can rely on (DESIGN.md §4), carried in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/**
 * Beside the generic code, why exactly (`extensions.reason`): stable words a client can react to
 * without reading the message. Every generic error has a generic reason; the domain errors in each
 * library's `*.errors.ts` name their own (PETITION_NOT_OPEN, EVENT_FULL, …). Listed in the README.
 */
export type ErrorReason = string;

/** The reason a plain error of each code carries when nothing more specific is said. */
export const GENERIC_REASONS: Record<ErrorCode, ErrorReason> = {
  BAD_USER_INPUT: 'INVALID_INPUT',
  UNAUTHENTICATED: 'SIGN_IN_REQUIRED',
  FORBIDDEN: 'NOT_ALLOWED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'TRY_AGAIN',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

export interface FieldProblem {
  field: string;
  message: string;
}

/** Services throw these; one global mapping turns them into GraphQL errors. */
export class DomainError extends Error {
  readonly reason: ErrorReason;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
    reason?: ErrorReason,
  ) {
    super(message);
    this.name = new.target.name;
    this.reason = reason ?? GENERIC_REASONS[code];
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, fields: FieldProblem[] = [], reason?: ErrorReason) {
    super('BAD_USER_INPUT', message, fields, reason);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'You need to sign in to do this.', reason?: ErrorReason) {
    super('UNAUTHENTICATED', message, undefined, reason);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do this.', reason?: ErrorReason) {
    super('FORBIDDEN', message, undefined, reason);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, fields?: FieldProblem[], reason?: ErrorReason) {
    super('NOT_FOUND', `${what} was not found.`, fields, reason);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, reason?: ErrorReason) {
    super('CONFLICT', message, undefined, reason);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(message = 'Too many requests. Please wait a moment and try again.', reason?: ErrorReason) {
    super('TOO_MANY_REQUESTS', message, undefined, reason);
  }
}

/**
 * An emailed link (confirm, cancel, sign in, download…) that is used, expired or unknown: all get
 * the same answer, so a link says nothing about which it was. One class for every library.
 */
export class InvalidLinkError extends DomainError {
  constructor(options: { code?: 'BAD_USER_INPUT' | 'UNAUTHENTICATED'; message?: string } = {}) {
    const code = options.code ?? 'BAD_USER_INPUT';
    super(
      code,
      options.message ?? 'This link has expired or has already been used.',
      code === 'BAD_USER_INPUT' ? [{ field: 'token', message: 'is not valid' }] : undefined,
      'LINK_EXPIRED',
    );
  }
}

/**
 * Something the system needs (the database, Redis) cannot be reached or is overloaded just now:
 * retryable, the same request can be sent again in a moment.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(message = 'This service is briefly unavailable. Please try again in a moment.') {
    super('SERVICE_UNAVAILABLE', message);
  }
}

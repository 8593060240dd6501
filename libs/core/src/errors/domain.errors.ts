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

export interface FieldProblem {
  field: string;
  message: string;
}

/** Services throw these; one global mapping turns them into GraphQL errors. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, fields: FieldProblem[] = []) {
    super('BAD_USER_INPUT', message, fields);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'You need to sign in to do this.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do this.') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, fields?: FieldProblem[]) {
    super('NOT_FOUND', `${what} was not found.`, fields);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(message = 'Too many requests. Please wait a moment and try again.') {
    super('TOO_MANY_REQUESTS', message);
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

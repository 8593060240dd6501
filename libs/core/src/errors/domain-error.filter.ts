import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from './domain.errors';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  INTERNAL_SERVER_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
};

/**
 * Domain errors from plain HTTP endpoints (CSV import and export) become the matching status with
 * a JSON body `{ code, message, fields }`. GraphQL errors pass on to the GraphQL formatter.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): DomainError | void {
    if (host.getType<string>() === 'graphql') {
      return error;
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    res
      .status(STATUS[error.code])
      .json({ code: error.code, message: error.message, fields: error.fields ?? [] });
  }
}

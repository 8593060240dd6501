import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { renderActionPage } from '../pages/action-page';
import { DomainError, ErrorCode } from './domain.errors';
import { domainErrorFrom } from './infrastructure-errors';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_SERVER_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Seconds a client is asked to wait before sending a SERVICE_UNAVAILABLE request again. */
const RETRY_AFTER_SECONDS = 5;

const PAGE_TITLES: Partial<Record<ErrorCode, string>> = {
  SERVICE_UNAVAILABLE: 'Please try again in a moment',
  TOO_MANY_REQUESTS: 'Please wait a moment',
  NOT_FOUND: 'Not found',
};

/**
 * Errors from plain HTTP endpoints (emailed links' pages, CSV import and export). Domain errors, and
 * database or Redis failures that mean one (domainErrorFrom), become the matching status with a
 * JSON body `{ code, message, fields }`, or a small page for a browser that asked for HTML; anything
 * else gets Nest's usual handling. GraphQL errors pass on to the GraphQL formatter.
 */
@Catch()
export class DomainErrorFilter extends BaseExceptionFilter {
  private static readonly log = new Logger('ExceptionsHandler');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = domainErrorFrom(exception);
    if (error) {
      DomainErrorFilter.note(exception, error);
    }
    if (host.getType<string>() === 'graphql') {
      if (!error && exception instanceof Error) {
        // What Nest's own filter does for GraphQL: an unexpected error is logged, then formatted.
        DomainErrorFilter.log.error(exception);
      }
      return exception instanceof Error ? exception : new Error(String(exception));
    }
    if (!error) {
      return super.catch(exception, host);
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    const req = host.switchToHttp().getRequest<Request>();
    res.status(STATUS[error.code]);
    if (error.code === 'SERVICE_UNAVAILABLE') {
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    if (wantsPage(req)) {
      res.type('html').set('Cache-Control', 'no-store').send(this.renderPage(error));
      return;
    }
    // A route may have set its own type (text/calendar, text/csv) before it failed.
    res.type('json').send(
      JSON.stringify({
        code: error.code,
        reason: error.reason,
        message: error.message,
        fields: error.fields ?? [],
      }),
    );
  }

  /**
   * The page a browser gets for a domain error. The api's supporter pages draw it in their own
   * layout (libs/web's PageErrorFilter overrides this); the status, headers and mapping stay here.
   */
  protected renderPage(error: DomainError): string {
    return renderActionPage({
      title: PAGE_TITLES[error.code] ?? 'This did not work',
      paragraphs: [error.message],
    });
  }

  /** Outages are worth a line in the log (the message only: never a query's parameters). */
  private static note(exception: unknown, error: DomainError): void {
    if (error.code === 'SERVICE_UNAVAILABLE' && exception !== error) {
      DomainErrorFilter.log.warn(
        `Service unavailable: ${exception instanceof Error ? exception.message : 'unknown'}`,
      );
    }
  }
}

/** A browser (form post or link), rather than a program, made the request. */
function wantsPage(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

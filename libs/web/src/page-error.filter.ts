import { ArgumentsHost, Catch, HttpException, Injectable, Logger } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorFilter } from '@app/core';
import { PageContexts } from './page-context';
import { notFoundPage, tooManyRequestsPage, unavailablePage } from './pages';
import { lockFraming, sendPage } from './forms';

/**
 * The api's one exception filter. Browsers (requests that prefer HTML) get a page in the layout:
 * "page not found", "please wait", or "sorry, there is a problem". Everyone else gets what they
 * always did: domain errors as `{ code, message, fields }` JSON, GraphQL errors to the GraphQL
 * formatter, anything else Nest's own answer.
 */
@Catch()
@Injectable()
export class PageErrorFilter extends BaseExceptionFilter {
  private readonly log = new Logger('Pages');
  private readonly domain = new DomainErrorFilter();

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly contexts: PageContexts,
  ) {
    super(adapterHost.httpAdapter);
  }

  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') {
      return error;
    }
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (!res.headersSent) {
      // An embed that failed is not an embed: nothing may frame the error.
      lockFraming(res);
    }
    if (!res.headersSent && wantsHtml(req)) {
      const status = statusOf(error);
      const ctx = this.contexts.create({ embed: req.path.startsWith('/embed/') });
      if (status === 404) {
        return sendPage(res, notFoundPage(ctx), status);
      }
      if (status === 429) {
        return sendPage(res, tooManyRequestsPage(ctx), status);
      }
      if (status >= 500) {
        this.log.error(error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error');
        return sendPage(res, unavailablePage(ctx), status === 503 ? 503 : 500);
      }
    }
    if (error instanceof DomainError) {
      return this.domain.catch(error, host);
    }
    return super.catch(error, host);
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) {
    return error.getStatus();
  }
  if (error instanceof DomainError) {
    const byCode: Record<string, number> = { NOT_FOUND: 404, TOO_MANY_REQUESTS: 429, SERVICE_UNAVAILABLE: 503 };
    return byCode[error.code] ?? (error.code === 'INTERNAL_SERVER_ERROR' ? 500 : 400);
  }
  return 500;
}

/** A browser asking for a page (not a client of the JSON endpoints or GraphQL). */
function wantsHtml(req: Request): boolean {
  if (req.path.startsWith('/graphql')) {
    return false;
  }
  return req.accepts(['json', 'html']) === 'html';
}

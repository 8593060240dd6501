import { ArgumentsHost, Catch, HttpException, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorFilter, domainErrorFrom } from '@app/core';
import { lockFraming, sendPage } from './forms';
import { PageContexts } from './page-context';
import { notFoundPage, retryPage, simplePage, tooManyRequestsPage, unavailablePage } from './pages';

/**
 * The api's one exception filter: core's DomainErrorFilter (one mapping of domain, database and
 * Redis errors to codes and statuses, JSON for programs, GraphQL errors to the GraphQL formatter),
 * with its pages for browsers drawn in the supporter pages' layout, plus the layout's pages for
 * what is not a domain error: an unknown path (404), the rate limit (429) and anything unexpected
 * (500). No error page may be framed, even under /embed/.
 */
@Catch()
@Injectable()
export class PageErrorFilter extends DomainErrorFilter {
  private readonly log = new Logger('Pages');

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly contexts: PageContexts,
  ) {
    super(adapterHost.httpAdapter);
  }

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') {
      return super.catch(exception, host);
    }
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      return super.catch(exception, host);
    }
    // An embed that failed is not an embed: nothing may frame the error.
    lockFraming(res);
    if (!wantsHtml(req) || domainErrorFrom(exception)) {
      return super.catch(exception, host);
    }
    const ctx = this.contexts.create();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 404) {
      return sendPage(res, notFoundPage(ctx), 404);
    }
    if (status === 429) {
      return sendPage(res, tooManyRequestsPage(ctx), 429);
    }
    if (status >= 500) {
      this.log.error(
        exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown error',
      );
      return sendPage(res, unavailablePage(ctx), 500);
    }
    return super.catch(exception, host);
  }

  protected override renderPage(error: DomainError): string {
    const ctx = this.contexts.create();
    const pages: Partial<Record<DomainError['code'], () => string>> = {
      NOT_FOUND: () => notFoundPage(ctx),
      TOO_MANY_REQUESTS: () => tooManyRequestsPage(ctx),
      SERVICE_UNAVAILABLE: () => retryPage(ctx),
    };
    const page = pages[error.code];
    return page
      ? page()
      : simplePage(ctx, { title: ctx.m.errors.problemTitle, noindex: true }, <p>{error.message}</p>);
  }
}

/** A browser asking for a page (not a client of the JSON endpoints or GraphQL). */
function wantsHtml(req: Request): boolean {
  return !req.path.startsWith('/graphql') && req.accepts(['json', 'html']) === 'html';
}

import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';

/**
 * The supporter pages' policy: everything from our own origin, no inline script or style, forms post
 * only to us, and no framing (the /embed/ pages set their own, see `embedHeaders`).
 */
export const PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
  "base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

/** Sets the pages' policy on a response, unless one was set already (by helmet, or an embed page). */
@Injectable()
export class PageSecurityInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    if (!res.getHeader('Content-Security-Policy')) {
      res.setHeader('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    }
    return next.handle();
  }
}

/**
 * For a page controller (or one handler): its pages carry the strict policy even where no global one
 * applies. It never replaces a policy already set, so a global one (helmet) wins.
 */
export const PageSecurity = (): ClassDecorator & MethodDecorator => UseInterceptors(new PageSecurityInterceptor());

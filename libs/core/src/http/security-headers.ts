import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { Observable } from 'rxjs';
import { AppConfig } from '../config/app-config';

/**
 * The Content-Security-Policy of every response: everything from our own origin only, no inline
 * script or style (pages link /assets/ files instead), forms post only to us, nothing can frame us.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Outside production only, on the Apollo Sandbox's landing page (GET /graphql): its scripts,
 * styles and frames come from Apollo's CDN, held by the page's own nonce-based policy as well.
 */
const SANDBOX_POLICY = {
  defaultSrc: ["'self'", 'https:', 'data:', "'unsafe-inline'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function headers(config: AppConfig, directives: Record<string, string[]>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Browsers must come back over HTTPS only; production runs behind TLS (PUBLIC_URL https).
    strictTransportSecurity: config.isProduction
      ? { maxAge: ONE_YEAR_SECONDS, includeSubDomains: true }
      : false,
    // Emailed links carry one-time tokens in their URL: never pass it on to another site.
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // nosniff, Cross-Origin-Opener-Policy and -Resource-Policy same-origin, and the rest: helmet's defaults.
  }) as RequestHandler;
}

/**
 * The security headers of every HTTP response of the api (helmet): X-Content-Type-Options: nosniff,
 * Strict-Transport-Security in production, Referrer-Policy: no-referrer, X-Frame-Options: DENY and
 * the Content-Security-Policy above. Installed once, before every route, so every page controller
 * gets them; a route that may be framed uses @AllowFraming.
 */
export function securityHeaders(config: AppConfig, graphqlPath = '/graphql'): RequestHandler {
  const strict = headers(config, CONTENT_SECURITY_POLICY);
  const sandbox = config.isProduction ? strict : headers(config, SANDBOX_POLICY);
  return (req: Request, res: Response, next: NextFunction) => {
    const landingPage =
      req.method === 'GET' && req.path === graphqlPath && req.accepts(['json', 'html']) === 'html';
    (landingPage ? sandbox : strict)(req, res, next);
  };
}

/** An origin as CSP writes it: scheme, host and optional port, nothing else. */
const ORIGIN = /^https?:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i;

/**
 * Lets `origins` frame this one response (embeds): its CSP's frame-ancestors names them instead of
 * 'none', and X-Frame-Options (which cannot name several origins) is dropped. With no origins the
 * response stays unframable. Call before the body is sent.
 */
export function allowFraming(res: Response, origins: readonly string[]): void {
  const bad = origins.filter((origin) => !ORIGIN.test(origin));
  if (bad.length > 0) {
    throw new Error(`Not an origin (scheme://host[:port]): ${bad.join(', ')}`);
  }
  if (origins.length === 0) {
    return;
  }
  const policy = String(res.getHeader('Content-Security-Policy') ?? '');
  const others = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !directive.startsWith('frame-ancestors'));
  res.setHeader('Content-Security-Policy', [...others, `frame-ancestors ${origins.join(' ')}`].join(';'));
  res.removeHeader('X-Frame-Options');
}

const FRAMABLE_BY = 'crm:framableBy';

/** Which origins may frame a route, read from the configuration (e.g. EMBED_ALLOWED_ORIGINS). */
export type FramingOrigins = (config: AppConfig) => readonly string[];

@Injectable()
export class FramingInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const origins = this.reflector.get<FramingOrigins | undefined>(FRAMABLE_BY, context.getHandler());
    if (origins && context.getType() === 'http') {
      allowFraming(context.switchToHttp().getResponse<Response>(), origins(this.config));
    }
    return next.handle();
  }
}

/**
 * On a controller method: the page may be framed by the origins `origins` returns (an embed), and
 * by nothing else. Every other response stays frame-ancestors 'none'.
 */
export const AllowFraming = (origins: FramingOrigins): MethodDecorator =>
  applyDecorators(SetMetadata(FRAMABLE_BY, origins), UseInterceptors(FramingInterceptor));

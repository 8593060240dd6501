import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The session cookie's name. In production (HTTPS) it carries the `__Host-` prefix, so browsers
 * accept it only when it is Secure, for Path=/ and without a Domain: no sibling subdomain can plant
 * one. Over plain HTTP in development and tests the prefix would be refused, so it is left off.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-crm_session' : 'crm_session';
}

/** One cookie's value from a Cookie header, or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value ? value : undefined;
    }
  }
  return undefined;
}

/** The session cookie's token alone (what the dashboard's browser holds), or undefined. */
export function sessionCookieTokenOf(
  req: { headers: IncomingHttpHeaders },
  secure: boolean,
): string | undefined {
  return cookieValue(req.headers.cookie, sessionCookieName(secure));
}

/**
 * The session token of a request: the `Authorization: Bearer` header (API clients) or else the
 * session cookie (the dashboard), or undefined. The one place either is read.
 */
export function sessionTokenOf(req: { headers: IncomingHttpHeaders }, secure: boolean): string | undefined {
  const bearer = BEARER.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? sessionCookieTokenOf(req, secure);
}

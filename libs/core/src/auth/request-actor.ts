import type { IncomingHttpHeaders } from 'node:http';
import type { CrmRequest } from '../http/request-of';
import { Actor, Authenticator } from './actor';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The session token a request carries. The one place that knows where it travels: today the
 * `Authorization: Bearer` header (a dashboard session cookie belongs here too, when it comes).
 */
export function sessionTokenOf(request: { headers: IncomingHttpHeaders }): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * Who is making a request: the signed-in member behind its session token, or null. Remembered on
 * the request, so the guard and any later check (the queue dashboard's) ask the database once.
 */
export async function actorOfRequest(
  authenticator: Authenticator,
  request: CrmRequest,
): Promise<Actor | null> {
  if (request.actor === undefined) {
    const token = sessionTokenOf(request);
    request.actor = token ? await authenticator.authenticate(token) : null;
  }
  return request.actor;
}

import type { CrmRequest } from '../http/request-of';
import { Actor, Authenticator } from './actor';
import { sessionTokenOf } from './session-token';

/**
 * Who is making a request: the signed-in member behind its session token (bearer header or the
 * dashboard's cookie), or null. Remembered on the request, so the guard and any later check (the
 * queue dashboard's) ask the database once. `secure`: production (the cookie's `__Host-` name).
 */
export async function actorOfRequest(
  authenticator: Authenticator,
  request: CrmRequest,
  secure: boolean,
): Promise<Actor | null> {
  if (request.actor === undefined) {
    const token = sessionTokenOf(request, secure);
    request.actor = token ? await authenticator.authenticate(token) : null;
  }
  return request.actor;
}

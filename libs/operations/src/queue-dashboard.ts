import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable } from '@nestjs/common';
import type { NextFunction, RequestHandler, Response } from 'express';
import { actorOfRequest, AppConfig, Authenticator, CrmRequest } from '@app/core';
import { OperationsQueues } from './operations-queues';

/** Where the queue dashboard is served; its JSON is under `${QUEUE_DASHBOARD_PATH}/api/`. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board), for admins only: the same session check as the api (whatever
 * carries the session: bearer header or the dashboard's cookie, see `sessionTokenOf`), 401 without a live session, 403 for anyone but an
 * admin. Jobs carry ids only (see queues.ts), so it shows ids, states and timings, never a person.
 */
@Injectable()
export class QueueDashboard {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly config: AppConfig,
    private readonly queues: OperationsQueues,
  ) {}

  /** The middleware to mount at QUEUE_DASHBOARD_PATH: the admin check, then the board. */
  handlers(): RequestHandler[] {
    const server = new ExpressAdapter();
    server.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.all.map((queue) => new BullMQAdapter(queue)),
      serverAdapter: server,
      options: { uiConfig: { boardTitle: 'Campaign CRM queues' } },
    });
    return [(req, res, next) => void this.adminsOnly(req, res, next), server.getRouter() as RequestHandler];
  }

  /** The one check, given the request: the api's own (bearer header or the dashboard's cookie). */
  async adminsOnly(req: CrmRequest, res: Response, next: NextFunction): Promise<void> {
    let isAdmin: boolean | null;
    try {
      const actor = await actorOfRequest(this.authenticator, req, this.config.isProduction);
      isAdmin = actor ? actor.isAdmin : null;
    } catch {
      res
        .status(503)
        .set('Retry-After', '5')
        .json({ code: 'SERVICE_UNAVAILABLE', message: 'Try again in a moment.' });
      return;
    }
    if (isAdmin === null) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ code: 'UNAUTHENTICATED', message: 'Sign in as an admin to see the queues.' });
      return;
    }
    if (!isAdmin) {
      res.status(403).json({ code: 'FORBIDDEN', message: 'Only admins may see the queues.' });
      return;
    }
    next();
  }
}

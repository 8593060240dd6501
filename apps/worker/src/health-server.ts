import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { once } from 'node:events';
import { AppConfig } from '@app/core';
import { HealthChecks } from '@app/operations';

/**
 * The worker has no HTTP api; with WORKER_HEALTH_PORT set it answers GET /health and GET /ready on
 * that port with the same checks as the api's (HealthChecks: liveness fails only without
 * PostgreSQL; Redis away or another installation on this Redis only degrade it, and fail
 * readiness), 200 or 503 with the checks as JSON, so an orchestrator can restart it or hold it back.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly checks: HealthChecks,
  ) {}

  /** The port it listens on, while it does. */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerHealthPort === undefined) {
      return;
    }
    this.server = createServer((req, res) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      const path = (req.url ?? '').split('?')[0];
      const check =
        req.method === 'GET' && path === '/health'
          ? this.checks.liveness()
          : req.method === 'GET' && path === '/ready'
            ? this.checks.readiness()
            : undefined;
      if (!check) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"status":"not found"}');
        return;
      }
      void check.then(
        (report) =>
          res
            .writeHead(report.status === 'error' ? 503 : 200, { 'Content-Type': 'application/json' })
            .end(JSON.stringify(report)),
        () => res.writeHead(503).end(),
      );
    });
    this.server.listen(this.config.workerHealthPort);
    await once(this.server, 'listening');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) {
      this.server.close();
      this.server.closeAllConnections();
      this.server = undefined;
    }
  }
}

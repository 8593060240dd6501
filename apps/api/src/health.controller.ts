import { Controller, Get, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '@app/core';
import { HealthChecks, HealthReport } from '@app/operations';

/**
 * GET /health: liveness. 200 while PostgreSQL answers, with the state of each check as JSON:
 * `ok`, or `degraded` when Redis is away (public actions go on with local limits; the outbox keeps
 * the mail) or another installation shares this Redis key prefix (its worker and ours each leave
 * the other's jobs until one changes REDIS_PREFIX). Restarting would mend neither, so neither
 * fails liveness; /ready does. 503 when PostgreSQL does not answer. Not rate-limited (the limiter
 * itself needs Redis, and probes poll often).
 */
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthChecks) {}

  @Public()
  @Get()
  async check(@Res() res: Response): Promise<void> {
    send(res, await this.checks.liveness());
  }
}

/**
 * GET /ready: for load balancers. 200 when PostgreSQL and Redis answer, no other installation
 * shares this Redis key prefix, and every migration this build knows is applied; 503 otherwise
 * (with which check failed), so a new version started before `migrate` ran, or one cut off from
 * Redis, is sent no traffic. `/health` stays the liveness check.
 */
@SkipThrottle()
@Controller('ready')
export class ReadyController {
  constructor(private readonly checks: HealthChecks) {}

  @Public()
  @Get()
  async ready(@Res() res: Response): Promise<void> {
    send(res, await this.checks.readiness());
  }
}

function send(res: Response, report: HealthReport): void {
  res.status(report.status === 'error' ? 503 : 200).json(report);
}

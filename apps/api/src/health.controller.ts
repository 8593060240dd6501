import { Controller, Get, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { InstallationRegistry, Public, RedisClient } from '@app/core';
import { HealthChecks } from '@app/operations';

/**
 * GET /health: 200 with the state of Postgres and Redis, 503 when either is down or another
 * installation shares this one's Redis key prefix (its worker and ours would each leave the other's
 * jobs, so mail is delayed until one of them changes REDIS_PREFIX). Not rate-limited (the limiter
 * itself needs Redis, and load balancers poll often).
 */
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisClient,
    private readonly installations: InstallationRegistry,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.pingRedis(),
      () => this.checkInstallation(),
    ]);
  }

  private async checkInstallation(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('installation');
    let others: string[];
    try {
      others = await withTimeout(this.installations.beat());
    } catch {
      return indicator.up({ message: 'not checked: Redis is not reachable' });
    }
    if (others.length > 0) {
      return indicator.down({ message: this.installations.problem(await this.installations.me(), others) });
    }
    return indicator.up();
  }

  private async pingRedis(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    try {
      const answer = await withTimeout(this.redis.ping());
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: 'unexpected answer' });
    } catch {
      return indicator.down({ message: 'not reachable' });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

/**
 * GET /ready: for load balancers. 200 when PostgreSQL and Redis answer and every migration this
 * build knows is applied; 503 otherwise (with which check failed), so a new version started before
 * `migrate` ran, or one cut off from Redis, is sent no traffic. `/health` stays the liveness check.
 */
@SkipThrottle()
@Controller('ready')
export class ReadyController {
  constructor(private readonly checks: HealthChecks) {}

  @Public()
  @Get()
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.checks.readiness();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }
}

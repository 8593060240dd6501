import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InstallationRegistry, RedisClient } from '@app/core';

export type CheckState = { status: 'up'; message?: string } | { status: 'down'; message: string };

/**
 * `ok`: every check is up. `degraded` (liveness only): the process can go on serving but something
 * it leans on is not right (Redis away, another installation on this Redis); a restart would not
 * help, so liveness stays 200 and says so. `error`: not live, or not ready.
 */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'error';
  checks: Record<string, CheckState>;
}

/** The migrations this build expects (given by the app: libraries do not import migrations/). */
export const EXPECTED_MIGRATIONS = Symbol('EXPECTED_MIGRATIONS');

const TIMEOUT_MS = 2_000;

/**
 * Liveness and readiness, shared by the api's /health and /ready and the worker's health port.
 * Liveness: PostgreSQL answers (Redis and the installation check are reported, but only degrade
 * it: public actions go on with local limits, the outbox keeps the mail, and a restart would not
 * bring Redis back). Readiness: PostgreSQL and Redis answer, no other installation shares this
 * Redis and key prefix, and every migration this build knows is applied.
 */
@Injectable()
export class HealthChecks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
    @Inject(EXPECTED_MIGRATIONS) private readonly migrations: string[],
    private readonly installations: InstallationRegistry,
  ) {}

  async liveness(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.database(), this.pingRedis()]);
    const checks = { database, redis, installation: await this.installation(redis) };
    const status =
      database.status === 'down'
        ? 'error'
        : Object.values(checks).every((c) => c.status === 'up')
          ? 'ok'
          : 'degraded';
    return { status, checks };
  }

  async readiness(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.database(), this.pingRedis()]);
    const migrations = database.status === 'up' ? await this.appliedMigrations() : database;
    return report({ database, redis, migrations, installation: await this.installation(redis) });
  }

  /** Another installation on this Redis and key prefix (also logged by the registry). */
  private async installation(redis: CheckState): Promise<CheckState> {
    const unchecked: CheckState = { status: 'up', message: 'not checked: Redis is not reachable' };
    if (redis.status === 'down') {
      return unchecked;
    }
    try {
      const others = await withTimeout(this.installations.beat());
      return others.length === 0
        ? { status: 'up' }
        : { status: 'down', message: this.installations.problem(await this.installations.me(), others) };
    } catch {
      return unchecked;
    }
  }

  private async database(): Promise<CheckState> {
    try {
      // Raw, and not in a repository: it asks only whether the database answers, about no table.
      await withTimeout(this.dataSource.query('SELECT 1'));
      return { status: 'up' };
    } catch {
      return { status: 'down', message: 'not reachable' };
    }
  }

  private async pingRedis(): Promise<CheckState> {
    try {
      return (await withTimeout(this.redis.ping())) === 'PONG'
        ? { status: 'up' }
        : { status: 'down', message: 'unexpected answer' };
    } catch {
      return { status: 'down', message: 'not reachable' };
    }
  }

  private async appliedMigrations(): Promise<CheckState> {
    try {
      // Raw: schema_migration is TypeORM's own table (no entity), read here and by `migrate` only.
      const rows = await withTimeout(
        this.dataSource.query<Array<{ name: string }>>('SELECT name FROM schema_migration'),
      );
      const applied = new Set(rows.map((r) => r.name));
      const pending = this.migrations.filter((name) => !applied.has(name));
      return pending.length === 0
        ? { status: 'up' }
        : { status: 'down', message: `${pending.length} pending: run \`migrate\`` };
    } catch {
      return { status: 'down', message: 'not applied: run `migrate`' };
    }
  }
}

function report(checks: Record<string, CheckState>): HealthReport {
  return { status: Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'error', checks };
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref()),
  ]);
}

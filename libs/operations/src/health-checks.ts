import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RedisClient } from '@app/core';

export type CheckState = { status: 'up' } | { status: 'down'; message: string };

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, CheckState>;
}

/** The migrations this build expects (given by the app: libraries do not import migrations/). */
export const EXPECTED_MIGRATIONS = Symbol('EXPECTED_MIGRATIONS');

const TIMEOUT_MS = 2_000;

/**
 * Liveness and readiness, shared by the api's /health and /ready and the worker's health port.
 * Liveness: PostgreSQL and Redis answer. Readiness: that, and every migration this build knows is
 * applied (a new version started before `migrate` ran is not sent traffic).
 */
@Injectable()
export class HealthChecks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
    @Inject(EXPECTED_MIGRATIONS) private readonly migrations: string[],
  ) {}

  async liveness(): Promise<HealthReport> {
    return report({ database: await this.database(), redis: await this.pingRedis() });
  }

  async readiness(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.database(), this.pingRedis()]);
    const migrations = database.status === 'up' ? await this.appliedMigrations() : database;
    return report({ database, redis, migrations });
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

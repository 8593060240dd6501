import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  Actor,
  AuditModule,
  CoreConfigModule,
  DatabaseModule,
  dataSourceOptions,
  domainErrorFrom,
  InstallationRegistryModule,
  LoggingModule,
  QueueModule,
  RedisModule,
  SecurityModule,
} from '@app/core';
import { ENTITIES, MIGRATIONS } from '@app/migrations';
import {
  createMigratedDatabase,
  dropDatabase,
  flushRedisPrefix,
  PUBLIC_URL,
  TEST_ADDRESS_HASH_KEY,
} from './test-system';

/**
 * The medium test tier (test/integration): one domain module with its real services, on a fresh
 * migrated database and real Redis (under a prefix of its own), with no HTTP, no GraphQL and no
 * worker. For the rules (limits, state machines, capacity, retention), asserted on rows; seconds,
 * not minutes. Mail is queued in the outbox (nothing sends it): assert on `outbox_message` rows.
 */
export class DomainHarness {
  module!: TestingModule;
  db!: DataSource;
  private database!: { name: string; url: string };
  private readonly redisPrefix = `crmint-${randomBytes(4).toString('hex')}`;

  static async start(
    imports: Array<Type<unknown> | DynamicModule>,
    env: Record<string, string> = {},
  ): Promise<DomainHarness> {
    const harness = new DomainHarness();
    harness.database = await createMigratedDatabase();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: harness.database.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: harness.redisPrefix,
      SMTP_URL: 'smtp://127.0.0.1:9',
      PUBLIC_URL,
      MAIL_FROM: 'Campaign <hello@campaign.test>',
      ADDRESS_HASH_KEY: TEST_ADDRESS_HASH_KEY,
      PUBLIC_RESPONSE_FLOOR_MS: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...env,
    });
    harness.db = new DataSource(dataSourceOptions(harness.database.url, ENTITIES, MIGRATIONS));
    await harness.db.initialize();
    await harness.db.runMigrations({ transaction: 'each' });
    // The configuration is read from process.env when the module is compiled, below.
    harness.module = await Test.createTestingModule({
      imports: [
        CoreConfigModule,
        LoggingModule,
        DatabaseModule.forRoot(),
        RedisModule,
        SecurityModule,
        InstallationRegistryModule,
        AuditModule,
        QueueModule,
        ...imports,
      ],
    }).compile();
    await harness.module.init();
    return harness;
  }

  get<T>(type: Type<T>): T {
    return this.module.get(type, { strict: false });
  }

  /** An admin (every branch, national things). */
  static admin(memberId: string): Actor {
    return new Actor(memberId, 'session', true, new Set());
  }

  /** An organiser of these branches. */
  static organiser(memberId: string, ...branchIds: string[]): Actor {
    return new Actor(memberId, 'session', false, new Set(branchIds));
  }

  async stop(): Promise<void> {
    await this.module?.close();
    await this.db?.destroy();
    await flushRedisPrefix(this.redisPrefix);
    await dropDatabase(this.database.name);
  }
}

/**
 * What a call refused with, as `CODE/REASON` (`CONFLICT/INVALID_STEP`): the domain error it threw, or
 * the one a database error maps to, as the API would answer it. Anything else reads as a string
 * that names it, so a failed expectation shows what happened instead.
 */
export async function reasonOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) {
    return 'no error: it went through';
  }
  const domain = domainErrorFrom(error);
  if (domain) {
    return `${domain.code}/${domain.reason}`;
  }
  return `no domain error: ${error instanceof Error ? String(error) : JSON.stringify(error)}`;
}

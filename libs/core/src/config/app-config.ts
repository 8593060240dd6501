import type { DatabaseTimeouts } from '../database/data-source-options';
import { EnvironmentVariables, NodeEnv } from './environment';

/** The address in "Name <address>" (or the text itself). */
function addressOf(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/** The validated, typed configuration. Read once at start; injected wherever it is needed. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly isProduction: boolean;
  readonly port: number;
  readonly databaseUrl: string;
  readonly database: DatabaseTimeouts;
  readonly redisUrl: string;
  readonly redisCommandTimeoutMs: number;
  readonly redisPrefix: string;
  readonly publicUrl: string;
  readonly mail: {
    from: string;
    replyTo?: string;
    smtpUrl?: string;
    captureDir: string;
    retryAttempts: number;
    retryDelayMs: number;
    sweepIntervalMs: number;
    graceMs: number;
    ratePerSecond: number;
  };
  readonly letters: { from: string; perTargetIntervalMs: number };
  readonly sessionTtlDays: number;
  readonly rateLimit: {
    ttlSeconds: number;
    publicLimit: number;
    defaultLimit: number;
    /** Share of each limit (percent) a process allows on its own while Redis is away. */
    fallbackPercent: number;
  };
  readonly publicResponseFloorMs: number;
  readonly graphql: { maxDepth: number; maxComplexity: number };
  readonly trustProxy: number;
  readonly events: { reminderHours: number; scheduleIntervalMs: number };
  readonly petitions: { burstLimit: number; hourlyLimit: number };
  readonly postcodesApiUrl?: string;
  readonly logLevel: string;

  constructor(env: EnvironmentVariables) {
    this.nodeEnv = env.NODE_ENV;
    this.isProduction = env.NODE_ENV === 'production';
    this.port = env.PORT;
    this.databaseUrl = env.DATABASE_URL;
    this.database = {
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      poolWaitMs: env.DATABASE_POOL_WAIT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      keepAliveMs: env.DATABASE_KEEPALIVE_MS,
    };
    this.redisUrl = env.REDIS_URL;
    this.redisCommandTimeoutMs = env.REDIS_COMMAND_TIMEOUT_MS;
    this.redisPrefix = env.REDIS_PREFIX;
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.mail = {
      from: env.MAIL_FROM ?? 'Campaign CRM <no-reply@localhost>',
      replyTo: env.MAIL_REPLY_TO,
      smtpUrl: env.SMTP_URL,
      captureDir: env.MAIL_CAPTURE_DIR,
      retryAttempts: env.MAIL_RETRY_ATTEMPTS,
      retryDelayMs: env.MAIL_RETRY_DELAY_MS,
      sweepIntervalMs: env.OUTBOX_SWEEP_INTERVAL_MS,
      graceMs: env.OUTBOX_GRACE_MS,
      ratePerSecond: env.MAIL_RATE_PER_SECOND,
    };
    this.letters = {
      from: env.LETTER_FROM ?? addressOf(this.mail.from),
      perTargetIntervalMs: env.LETTER_TARGET_INTERVAL_MS,
    };
    this.sessionTtlDays = env.SESSION_TTL_DAYS;
    this.rateLimit = {
      ttlSeconds: env.RATE_LIMIT_TTL_SECONDS,
      publicLimit: env.RATE_LIMIT_PUBLIC,
      defaultLimit: env.RATE_LIMIT_DEFAULT,
      fallbackPercent: env.RATE_LIMIT_FALLBACK_PERCENT,
    };
    this.publicResponseFloorMs = env.PUBLIC_RESPONSE_FLOOR_MS;
    this.graphql = { maxDepth: env.GRAPHQL_MAX_DEPTH, maxComplexity: env.GRAPHQL_MAX_COMPLEXITY };
    this.trustProxy = env.TRUST_PROXY;
    this.events = { reminderHours: env.EVENT_REMINDER_HOURS, scheduleIntervalMs: env.SCHEDULE_INTERVAL_MS };
    this.petitions = { burstLimit: env.PETITION_BURST_LIMIT, hourlyLimit: env.PETITION_HOURLY_LIMIT };
    this.postcodesApiUrl = env.POSTCODES_API_URL;
    this.logLevel = env.LOG_LEVEL;
  }
}

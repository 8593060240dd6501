import type { DatabaseTimeouts } from '../database/data-source-options';
import { DEVELOPMENT_ADDRESS_HASH_KEY, EnvironmentVariables, NodeEnv } from './environment';
import { parseIsoDuration } from './iso-duration';

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
    /** nodemailer's connection, greeting and socket (inactivity) timeouts. */
    smtpTimeouts: { connectionMs: number; greetingMs: number; socketMs: number };
    sweepIntervalMs: number;
    graceMs: number;
    /** OUTBOX_RELAY_POLL_MS: the outbox relay's safety-net poll. */
    relayPollMs: number;
    /** QUEUE_LOCK_MS: a worker's hold on a mail or mailing job. */
    queueLockMs: number;
    ratePerSecond: number;
  };
  readonly letters: {
    from: string;
    perTargetIntervalMs: number;
    /** After a supporter's letters are sent, when they are asked whether they got a reply. */
    questionnaireAfterMs: number;
    /** After that, when one reminder follows if they have not answered. */
    questionnaireReminderAfterMs: number;
    /** When the daily digests of near-copy letters go out (HH:MM, Europe/London). */
    digestTime: string;
  };
  readonly mailings: { maxConsecutiveFailures: number; batchSize: number };
  readonly sessionTtlDays: number;
  readonly rateLimit: {
    ttlSeconds: number;
    publicLimit: number;
    defaultLimit: number;
    /** Share of each limit (percent) a process allows on its own while Redis is away. */
    fallbackPercent: number;
  };
  readonly publicResponseFloorMs: number;
  /** Identical public requests within this window of the first send nothing new. */
  readonly repeatWindowMs: number;
  /** How long a public action may use the petition, event or branch it read (PUBLIC_READ_CACHE_MS). */
  readonly publicReadCacheMs: number;
  readonly graphql: { maxDepth: number; maxComplexity: number; maxAliases: number };
  readonly trustProxy: number;
  readonly events: { reminderHours: number; scheduleIntervalMs: number };
  readonly petitions: { burstLimit: number; hourlyLimit: number };
  readonly postcodesApiUrl?: string;
  readonly logLevel: string;
  /** The bearer token /metrics asks for; unset: no metrics (404). */
  readonly metricsToken?: string;
  /** The worker's port for /health and /ready; unset: none. */
  readonly workerHealthPort?: number;
  /** How long the api's or the worker's graceful close may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** Days before each retention rule applies (see the README's privacy section). */
  readonly retention: {
    unconfirmedDays: number;
    letterDays: number;
    petitionDays: number;
    outboxDays: number;
  };
  readonly pages: { campaignName: string; embedAllowedOrigins: string[]; exitUrl: string };
  /** Whether seed-demo adds the made-up MSPs and the demo letter campaign (SEED_DEMO; else not in production). */
  readonly seedDemo: boolean;
  /** HMAC keys for hashes of client and email addresses: the current one, and the one before a rotation. */
  readonly addressHashKeys: { current: string; previous?: string };
  /** Mail from public actions to any one address: per kind per window, and all kinds per day. */
  readonly mailCap: { perKind: number; windowSeconds: number; perDay: number };

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
      smtpTimeouts: {
        connectionMs: env.SMTP_CONNECTION_TIMEOUT_MS,
        greetingMs: env.SMTP_GREETING_TIMEOUT_MS,
        socketMs: env.SMTP_SOCKET_TIMEOUT_MS,
      },
      sweepIntervalMs: env.OUTBOX_SWEEP_INTERVAL_MS,
      graceMs: env.OUTBOX_GRACE_MS,
      relayPollMs: env.OUTBOX_RELAY_POLL_MS,
      queueLockMs: env.QUEUE_LOCK_MS,
      ratePerSecond: env.MAIL_RATE_PER_SECOND,
    };
    this.letters = {
      from: env.LETTER_FROM ?? addressOf(this.mail.from),
      perTargetIntervalMs: env.LETTER_TARGET_INTERVAL_MS,
      questionnaireAfterMs: parseIsoDuration(env.LETTER_QUESTIONNAIRE_AFTER)!,
      questionnaireReminderAfterMs: parseIsoDuration(env.LETTER_QUESTIONNAIRE_REMINDER_AFTER)!,
      digestTime: env.LETTER_DIGEST_TIME,
    };
    this.mailings = {
      maxConsecutiveFailures: env.MAILING_MAX_CONSECUTIVE_FAILURES,
      batchSize: env.MAILING_BATCH_SIZE,
    };
    this.sessionTtlDays = env.SESSION_TTL_DAYS;
    this.rateLimit = {
      ttlSeconds: env.RATE_LIMIT_TTL_SECONDS,
      publicLimit: env.RATE_LIMIT_PUBLIC,
      defaultLimit: env.RATE_LIMIT_DEFAULT,
      fallbackPercent: env.RATE_LIMIT_FALLBACK_PERCENT,
    };
    this.publicResponseFloorMs = env.PUBLIC_RESPONSE_FLOOR_MS;
    this.repeatWindowMs = env.REPEAT_WINDOW_SECONDS * 1000;
    this.publicReadCacheMs = env.PUBLIC_READ_CACHE_MS;
    this.graphql = {
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxComplexity: env.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
    };
    this.trustProxy = env.TRUST_PROXY;
    this.events = { reminderHours: env.EVENT_REMINDER_HOURS, scheduleIntervalMs: env.SCHEDULE_INTERVAL_MS };
    this.petitions = { burstLimit: env.PETITION_BURST_LIMIT, hourlyLimit: env.PETITION_HOURLY_LIMIT };
    this.postcodesApiUrl = env.POSTCODES_API_URL;
    this.logLevel = env.LOG_LEVEL;
    this.metricsToken = env.METRICS_TOKEN;
    this.workerHealthPort = env.WORKER_HEALTH_PORT;
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    this.retention = {
      unconfirmedDays: env.UNCONFIRMED_RETENTION_DAYS,
      letterDays: env.LETTER_RETENTION_DAYS,
      petitionDays: env.PETITION_RETENTION_DAYS,
      outboxDays: env.OUTBOX_RETENTION_DAYS,
    };
    this.pages = {
      campaignName: env.CAMPAIGN_NAME,
      embedAllowedOrigins: (env.EMBED_ALLOWED_ORIGINS ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((origin) => new URL(origin).origin),
      exitUrl: env.EXIT_PAGE_URL,
    };
    this.seedDemo = env.SEED_DEMO ? /^(1|true|yes)$/i.test(env.SEED_DEMO) : !this.isProduction;
    this.mailCap = {
      perKind: env.MAIL_CAP_PER_KIND,
      windowSeconds: env.MAIL_CAP_WINDOW_SECONDS,
      perDay: env.MAIL_CAP_PER_DAY,
    };
    this.addressHashKeys = {
      current: env.ADDRESS_HASH_KEY ?? DEVELOPMENT_ADDRESS_HASH_KEY,
      previous: env.ADDRESS_HASH_PREVIOUS_KEY,
    };
  }
}

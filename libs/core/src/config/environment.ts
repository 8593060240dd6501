import { plainToInstance } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { ISO_DURATION_PATTERN } from './iso-duration';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * Every environment variable the system reads. Only DATABASE_URL and REDIS_URL are required in
 * development; production also needs PUBLIC_URL, MAIL_FROM and SMTP_URL. Everything else has a
 * safe default.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL!: string;

  /**
   * Opening a database connection fails after this long; so does the check, made when a query has
   * had no answer for two seconds, whether the server can be reached at all.
   */
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS: number = 5_000;

  /** Waiting for a free database connection while every pooled one is busy fails after this long. */
  @IsInt()
  @Min(100)
  DATABASE_POOL_WAIT_MS: number = 30_000;

  /**
   * PostgreSQL cancels a statement that runs longer (statement_timeout); an answer that has still
   * not come a second after that is taken as lost. 0: no limit.
   */
  @IsInt()
  @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS: number = 15_000;

  /** PostgreSQL ends a session left idle inside a transaction this long (releasing its locks). 0: never. */
  @IsInt()
  @Min(0)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number = 15_000;

  /** TCP keepalive on database connections: the first probe after this much silence. */
  @IsInt()
  @Min(1_000)
  DATABASE_KEEPALIVE_MS: number = 10_000;

  /** A Redis command that has no answer after this long fails (and rate limits count locally). */
  @IsInt()
  @Min(50)
  REDIS_COMMAND_TIMEOUT_MS: number = 1_000;

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_CAPTURE_DIR: string = 'var/mail';

  @IsEmail()
  @IsOptional()
  MAIL_REPLY_TO?: string;

  @IsString()
  @Matches(/^[a-zA-Z0-9:_-]+$/, { message: 'may contain only letters, digits, ":", "_" and "-"' })
  REDIS_PREFIX: string = 'crm';

  /**
   * Temporary failures are retried without end (mail is given up only on a 5xx or when it has
   * expired); the delay doubles from MAIL_RETRY_DELAY_MS for this many attempts, then stays there.
   */
  @IsInt()
  @Min(1)
  @Max(30)
  MAIL_RETRY_ATTEMPTS: number = 8;

  @IsInt()
  @Min(1)
  MAIL_RETRY_DELAY_MS: number = 15_000;

  /** How long the SMTP server may take to accept the connection. */
  @IsInt()
  @Min(100)
  SMTP_CONNECTION_TIMEOUT_MS: number = 10_000;

  /** How long the SMTP server may take to greet once connected. */
  @IsInt()
  @Min(100)
  SMTP_GREETING_TIMEOUT_MS: number = 10_000;

  /**
   * How long an SMTP session may stay silent (e.g. no answer after DATA) before it is given up as a
   * temporary failure and retried on a fresh connection.
   */
  @IsInt()
  @Min(100)
  SMTP_SOCKET_TIMEOUT_MS: number = 60_000;

  /** The SMTP provider's limit: messages a second, across every worker. */
  @IsInt()
  @Min(1)
  MAIL_RATE_PER_SECOND: number = 10;

  /** A mailing pauses itself after this many permanent failures in a row, and tells its organisers. */
  @IsInt()
  @Min(1)
  MAILING_MAX_CONSECUTIVE_FAILURES: number = 50;

  /** Recipients whose mail a mailing writes into the outbox at a time (more wait until these go). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  MAILING_BATCH_SIZE: number = 500;

  /** Letters to any one target go out at least this far apart, so no inbox is flooded. */
  @IsInt()
  @Min(0)
  LETTER_TARGET_INTERVAL_MS: number = 30_000;

  /** The address letters are sent from (the supporter's name shows as its display name); default: MAIL_FROM's. */
  @IsOptional()
  @IsEmail()
  LETTER_FROM?: string;

  /**
   * How long after a supporter's letters are sent they are asked "did you get a reply?" (an ISO 8601
   * duration: weeks, days, hours, minutes, seconds).
   */
  @Matches(ISO_DURATION_PATTERN, { message: 'must be an ISO 8601 duration such as P14D or PT20S' })
  LETTER_QUESTIONNAIRE_AFTER: string = 'P14D';

  /** How long after that question, if unanswered, one reminder follows (an ISO 8601 duration). */
  @Matches(ISO_DURATION_PATTERN, { message: 'must be an ISO 8601 duration such as P7D or PT20S' })
  LETTER_QUESTIONNAIRE_REMINDER_AFTER: string = 'P7D';

  /** When the daily digests of near-copy letters go out (HH:MM, Europe/London). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day such as 16:00' })
  LETTER_DIGEST_TIME: string = '16:00';

  @IsInt()
  @Min(100)
  OUTBOX_SWEEP_INTERVAL_MS: number = 30_000;

  @IsInt()
  @Min(0)
  OUTBOX_GRACE_MS: number = 60_000;

  /**
   * How often the worker's outbox relay looks for written mail to queue (one indexed query when
   * there is none): the most a message waits between its commit and the queue.
   */
  @IsInt()
  @Min(10)
  OUTBOX_RELAY_POLL_MS: number = 100;

  /**
   * How long a worker's hold on a job lasts without being renewed (BullMQ's lock), and how often
   * jobs whose holder died are looked for: a killed worker's jobs are run again after about twice
   * this.
   */
  @IsInt()
  @Min(500)
  QUEUE_LOCK_MS: number = 30_000;

  @IsInt()
  @Min(1)
  SESSION_TTL_DAYS: number = 30;

  @IsInt()
  @Min(1)
  RATE_LIMIT_TTL_SECONDS: number = 60;

  @IsInt()
  @Min(1)
  RATE_LIMIT_PUBLIC: number = 10;

  @IsInt()
  @Min(1)
  RATE_LIMIT_DEFAULT: number = 600;

  /**
   * While Redis cannot be reached, each api process counts rate limits in its own memory and allows
   * this percentage of each limit (so a few replicas together stay near the shared limit).
   */
  @IsInt()
  @Min(1)
  @Max(100)
  RATE_LIMIT_FALLBACK_PERCENT: number = 50;

  @IsInt()
  @Min(0)
  PUBLIC_RESPONSE_FLOOR_MS: number = 300;

  /**
   * An identical public request (a double-click, a form sent again) within this many seconds of
   * the first is answered the same and sends nothing new. 0: off.
   */
  @IsInt()
  @Min(0)
  @Max(24 * 3600)
  REPEAT_WINDOW_SECONDS: number = 120;

  /**
   * How long a public action may use the petition, event or branch it read: a crowd acting at
   * once reads each once, not once each. What decides (open, places, limits) is read again in the
   * action's own statement. 0: read every time.
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  PUBLIC_READ_CACHE_MS: number = 2_000;

  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DEPTH: number = 10;

  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COMPLEXITY: number = 5000;

  /** Aliases in one request (GraphQL Armor's default). */
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES: number = 15;

  /**
   * How many reverse proxies stand in front of the api (0: none), so rate limits see the client's
   * address. A count, not "trust everything": a client could otherwise forge X-Forwarded-For.
   */
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY: number = 0;

  /** Hours before an event starts that people going are reminded. */
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  EVENT_REMINDER_HOURS: number = 24;

  /** How often the worker looks for reminders and refreshers that are due. */
  @IsInt()
  @Min(100)
  SCHEDULE_INTERVAL_MS: number = 60_000;

  /** A postcodes.io-compatible service for placing postcodes; without it, the imported postcode table. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  POSTCODES_API_URL?: string;

  /** Signatures from one client address to one petition in a minute before they count as suspect. */
  @IsInt()
  @Min(1)
  PETITION_BURST_LIMIT: number = 5;

  /** The same in an hour. */
  @IsInt()
  @Min(1)
  PETITION_HOURLY_LIMIT: number = 20;

  /**
   * Bearer token Prometheus sends to scrape /metrics. Unset: /metrics answers 404, so an
   * installation that does not use it shows nothing.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters (e.g. `openssl rand -hex 24`)' })
  METRICS_TOKEN?: string;

  /**
   * On SIGTERM or SIGINT the api and the worker close gracefully; one that has not finished after
   * this long (a close waiting on a connection that lived through a Redis outage) says what is
   * still closing and exits 1. Below the orchestrator's grace period (Kubernetes' 30 s), so the
   * process exits on its own and says why before it would be killed.
   */
  @IsInt()
  @Min(1)
  @Max(3600)
  SHUTDOWN_TIMEOUT_SECONDS: number = 25;

  /** The worker answers /health and /ready on this port when set (for an orchestrator's probes). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;

  /** Unconfirmed signatures, letters and venue pledges are deleted this many days after they were made. */
  @IsInt()
  @Min(1)
  UNCONFIRMED_RETENTION_DAYS: number = 7;

  /** A sent letter's text and its writer's details are scrubbed this many days after sending. */
  @IsInt()
  @Min(1)
  LETTER_RETENTION_DAYS: number = 28;

  /** Confirmed signatures are anonymised this many days after their petition's delivery. */
  @IsInt()
  @Min(1)
  PETITION_RETENTION_DAYS: number = 365;

  /** Sent (and failed) mail loses its recipient and content this many days after it was sent. */
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_DAYS: number = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** The campaign's name, shown in the header of every supporter page and in their titles. */
  @IsString()
  CAMPAIGN_NAME: string = 'Our campaign';

  /** Space- or comma-separated origins (https://example.org) allowed to frame the /embed/ pages. */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,/]+[\s,]*)+$/, {
    message: 'must be origins like https://example.org, separated by spaces or commas',
  })
  EMBED_ALLOWED_ORIGINS?: string;

  /** Where "Exit this page" goes: somewhere neutral. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  EXIT_PAGE_URL: string = 'https://www.bbc.co.uk/weather';
  /**
   * Whether `seed-demo` (run by `npm start`) adds the made-up MSPs and the demo letter campaign;
   * unset: yes outside production. The made-up MSPs' addresses do not exist, so a real install
   * never gets them unless asked.
   */
  @IsOptional()
  @Matches(/^(1|0|true|false|yes|no)$/i, { message: 'must be 1 or 0 (true or false)' })
  SEED_DEMO?: string;
  /**
   * Public actions that mail an address the caller gives (join, sign-in link, data and erasure
   * requests, signing, writing, RSVP, pledge) send at most this many emails of each kind to one
   * address per MAIL_CAP_WINDOW_SECONDS, whoever asks; past it they answer the same and send nothing.
   */
  @IsInt()
  @Min(1)
  MAIL_CAP_PER_KIND: number = 5;

  @IsInt()
  @Min(1)
  MAIL_CAP_WINDOW_SECONDS: number = 3600;

  /** The same, all kinds together, per 24 hours. */
  @IsInt()
  @Min(1)
  MAIL_CAP_PER_DAY: number = 20;

  /**
   * The secret that keys every hash of a client (IP) address we store or count by, and of email
   * addresses in mail counters (HMAC-SHA-256), so a leaked hash cannot be reversed by trying every
   * address. Required in production; development and tests use a fixed, public default.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (e.g. `openssl rand -base64 32`)' })
  ADDRESS_HASH_KEY?: string;

  /** The key before the last rotation: counts made under it still count, until it is removed. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  ADDRESS_HASH_PREVIOUS_KEY?: string;
}

/** Development's and the tests' key: public, so production refuses it. */
export const DEVELOPMENT_ADDRESS_HASH_KEY = 'development-only-address-hash-key-not-a-secret';

const REQUIRED_IN_PRODUCTION = ['PUBLIC_URL', 'MAIL_FROM', 'SMTP_URL', 'ADDRESS_HASH_KEY'] as const;

/**
 * Validates the raw environment. Throws one error that names every bad or missing variable, so a
 * misconfigured process stops at once with a message a person can act on.
 */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(EnvironmentVariables, present, { enableImplicitConversion: true });
  const problems = validateSync(env, { skipMissingProperties: false }).map(
    (error) =>
      `${error.property}: ${
        error.value === undefined ? 'is required' : Object.values(error.constraints ?? {}).join('; ')
      }`,
  );
  if (env.NODE_ENV === 'production') {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!env[name]) {
        problems.push(`${name}: is required when NODE_ENV=production`);
      }
    }
    if (env.ADDRESS_HASH_KEY === DEVELOPMENT_ADDRESS_HASH_KEY) {
      problems.push('ADDRESS_HASH_KEY: must not be the public development key when NODE_ENV=production');
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return env;
}

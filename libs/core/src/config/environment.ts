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
  validateSync,
} from 'class-validator';

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

  @IsInt()
  @Min(1)
  MAIL_RETRY_ATTEMPTS: number = 8;

  @IsInt()
  @Min(1)
  MAIL_RETRY_DELAY_MS: number = 15_000;

  /** The SMTP provider's limit: messages a second, across every worker. */
  @IsInt()
  @Min(1)
  MAIL_RATE_PER_SECOND: number = 10;

  /** Letters to any one target go out at least this far apart, so no inbox is flooded. */
  @IsInt()
  @Min(0)
  LETTER_TARGET_INTERVAL_MS: number = 30_000;

  /** The address letters are sent from (the supporter's name shows as its display name); default: MAIL_FROM's. */
  @IsOptional()
  @IsEmail()
  LETTER_FROM?: string;

  @IsInt()
  @Min(100)
  OUTBOX_SWEEP_INTERVAL_MS: number = 30_000;

  @IsInt()
  @Min(0)
  OUTBOX_GRACE_MS: number = 60_000;

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

  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DEPTH: number = 10;

  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COMPLEXITY: number = 5000;

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

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}

const REQUIRED_IN_PRODUCTION = ['PUBLIC_URL', 'MAIL_FROM', 'SMTP_URL'] as const;

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
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return env;
}

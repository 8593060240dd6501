import { AppConfig } from './app-config';
import { DEVELOPMENT_ADDRESS_HASH_KEY, validateEnvironment } from './environment';

const minimal = { DATABASE_URL: 'postgres://u@localhost/db', REDIS_URL: 'redis://localhost:6379' };

describe('validateEnvironment', () => {
  it('accepts the two required variables and fills safe defaults', () => {
    const env = validateEnvironment(minimal);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      TRUST_PROXY: 0,
      MAIL_RETRY_ATTEMPTS: 8,
    });
  });

  it('converts numbers from strings', () => {
    const env = validateEnvironment({ ...minimal, PORT: '8080', TRUST_PROXY: '1', RATE_LIMIT_PUBLIC: '5' });
    expect(env.PORT).toBe(8080);
    expect(env.TRUST_PROXY).toBe(1);
    expect(() => validateEnvironment({ ...minimal, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });

  it('gives the api and the worker 25 s to close by default, in whole seconds from 1', () => {
    expect(new AppConfig(validateEnvironment(minimal)).shutdownTimeoutMs).toBe(25_000);
    const env = validateEnvironment({ ...minimal, SHUTDOWN_TIMEOUT_SECONDS: '3' });
    expect(new AppConfig(env).shutdownTimeoutMs).toBe(3_000);
    for (const bad of ['0', '2.5', 'soon']) {
      expect(() => validateEnvironment({ ...minimal, SHUTDOWN_TIMEOUT_SECONDS: bad })).toThrow(
        /SHUTDOWN_TIMEOUT_SECONDS/,
      );
    }
  });

  it('names every bad or missing variable in one message', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*REDIS_URL: is required[\s\S]*PORT:/,
    );
  });

  it('requires PUBLIC_URL, MAIL_FROM and SMTP_URL in production', () => {
    expect(() => validateEnvironment({ ...minimal, NODE_ENV: 'production' })).toThrow(
      /PUBLIC_URL: is required when NODE_ENV=production[\s\S]*MAIL_FROM[\s\S]*SMTP_URL/,
    );
    expect(
      validateEnvironment({
        ...minimal,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://crm.example.org',
        MAIL_FROM: 'Campaign <hello@example.org>',
        SMTP_URL: 'smtps://user:pass@smtp.example.org',
        ADDRESS_HASH_KEY: 'k'.repeat(32),
      }).NODE_ENV,
    ).toBe('production');
  });

  it('requires a secret ADDRESS_HASH_KEY of at least 32 characters in production, and a default elsewhere', () => {
    const production = {
      ...minimal,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://crm.example.org',
      MAIL_FROM: 'Campaign <hello@example.org>',
      SMTP_URL: 'smtps://user:pass@smtp.example.org',
    };
    expect(() => validateEnvironment(production)).toThrow(/ADDRESS_HASH_KEY: is required/);
    expect(() => validateEnvironment({ ...production, ADDRESS_HASH_KEY: 'short' })).toThrow(
      /ADDRESS_HASH_KEY: must be at least 32 characters/,
    );
    expect(() =>
      validateEnvironment({ ...production, ADDRESS_HASH_KEY: DEVELOPMENT_ADDRESS_HASH_KEY }),
    ).toThrow(/ADDRESS_HASH_KEY: must not be the public development key/);
    expect(() =>
      validateEnvironment({ ...minimal, ADDRESS_HASH_KEY: 'k'.repeat(32), ADDRESS_HASH_PREVIOUS_KEY: 'x' }),
    ).toThrow(/ADDRESS_HASH_PREVIOUS_KEY/);
    expect(new AppConfig(validateEnvironment(minimal)).addressHashKeys).toEqual({
      current: DEVELOPMENT_ADDRESS_HASH_KEY,
      previous: undefined,
    });
  });

  it("gives every phase of an SMTP session a deadline, far below nodemailer's ten minutes", () => {
    expect(validateEnvironment(minimal)).toMatchObject({
      SMTP_CONNECTION_TIMEOUT_MS: 10_000,
      SMTP_GREETING_TIMEOUT_MS: 10_000,
      SMTP_SOCKET_TIMEOUT_MS: 60_000,
    });
    expect(() => validateEnvironment({ ...minimal, SMTP_SOCKET_TIMEOUT_MS: '0' })).toThrow(
      /SMTP_SOCKET_TIMEOUT_MS/,
    );
  });

  it('refuses an unknown NODE_ENV', () => {
    expect(() => validateEnvironment({ ...minimal, NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });
});

describe('SEED_DEMO', () => {
  const production = {
    ...minimal,
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://crm.example.org',
    MAIL_FROM: 'Campaign <hello@example.org>',
    SMTP_URL: 'smtps://user:pass@smtp.example.org',
    ADDRESS_HASH_KEY: 'k'.repeat(32),
  };
  const seedDemo = (env: Record<string, string>): boolean => new AppConfig(validateEnvironment(env)).seedDemo;

  it('seeds the made-up MSPs outside production, and in production only when asked', () => {
    expect(seedDemo(minimal)).toBe(true);
    expect(seedDemo({ ...minimal, SEED_DEMO: '0' })).toBe(false);
    expect(seedDemo(production)).toBe(false);
    expect(seedDemo({ ...production, SEED_DEMO: '1' })).toBe(true);
    expect(seedDemo({ ...production, SEED_DEMO: 'TRUE' })).toBe(true);
    expect(() => validateEnvironment({ ...minimal, SEED_DEMO: 'please' })).toThrow(/SEED_DEMO/);
  });
});

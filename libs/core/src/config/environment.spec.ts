import { validateEnvironment } from './environment';

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
      }).NODE_ENV,
    ).toBe('production');
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

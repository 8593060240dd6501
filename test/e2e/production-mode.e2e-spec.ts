import { TestSystem } from '../support/test-system';

describe('production mode', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => system.stop());

  it('turns introspection and the sandbox off', async () => {
    const res = await system.graphql('{ __schema { types { name } } }');
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'INVALID_REQUEST',
    });
    const landing = await system.http().get('/graphql').set('Accept', 'text/html');
    expect(landing.text).not.toContain('sandbox');
  });

  it('never sends a stack trace', async () => {
    const invalid = await system.graphql('{ nothingHere }');
    const forbidden = await system.graphql('mutation { signOut }');
    for (const res of [invalid, forbidden]) {
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:|\.js:|node_modules/);
    }
  });
});

describe('health when Redis is unreachable', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    await system.stop();
  });

  it('stays live (200, degraded) naming Redis as down and the database as up, and is not ready', async () => {
    const res = await system.http().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    const ready = await system.http().get('/ready').expect(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
  });
});

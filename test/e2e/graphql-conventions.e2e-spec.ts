import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSchema } from '@app/core';
import { OutboxMessage } from '@app/mail';
import { createMember } from '../factories';
import { TestSystem } from '../support/test-system';

describe('GraphQL conventions', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({
      worker: false,
      env: { RATE_LIMIT_PUBLIC: '3', GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COMPLEXITY: '20' },
    });
  });
  afterAll(() => system.stop());

  it('matches the committed apps/api/schema.gql (run `npm run schema` after changing the API)', async () => {
    const file = join(__dirname, '../../apps/api/schema.gql');
    const current = renderSchema(system.api.get(GraphQLSchemaHost).schema);
    if (process.env.UPDATE_SCHEMA === '1') {
      await writeFile(file, current);
    }
    expect(current).toBe(await readFile(file, 'utf8'));
  });

  it('answers GET /health with the state of the database and Redis', async () => {
    const res = await system.http().get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' }, installation: { status: 'up' } },
    });
  });

  it('refuses batched requests', async () => {
    const res = await system
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send([{ query: '{ branches { id } }' }, { query: '{ branches { id } }' }]);
    expect(res.status).toBe(400);
  });

  it('keeps CSRF prevention on: a simple cross-site form post is refused', async () => {
    const res = await system
      .http()
      .post('/graphql')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ query: '{ branches { id } }' }));
    expect(res.status).toBe(400);
    const get = await system.http().get('/graphql?query=%7Bbranches%7Bid%7D%7D');
    expect(get.status).toBe(400);
  });

  it('allows only one public mutation per request, whatever aliases or fragments say', async () => {
    const member = await createMember(system.db);
    const aliased = await system.graphql(
      `mutation($email: String!) { a: requestSignInLink(email: $email) b: requestSignInLink(email: $email) }`,
      { email: member.email },
    );
    expect(aliased.status).toBe(400);
    expect(aliased.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ONE_PUBLIC_MUTATION',
    });

    const mixed = await system.graphql(
      `mutation($email: String!) { requestSignInLink(email: $email) signIn(token: "x") { token } }`,
      { email: member.email },
    );
    expect(mixed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await system.db.getRepository(OutboxMessage).countBy({ toAddress: member.email })).toBe(0);
  });

  it('limits query depth, following fragments', async () => {
    const shallow = await system.graphql('{ me { roles { role } } }');
    expect(shallow.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const deep = await system.graphql('{ me { roles { branch { slug } } } }');
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP' });
    expect(deep.errors?.[0].message).toContain('nested too deeply');

    const viaFragment = await system.graphql(
      'fragment R on RoleAssignment { branch { slug } } { me { roles { ...R } } }',
    );
    expect(viaFragment.errors?.[0].message).toContain('nested too deeply');
  });

  it('limits query cost', async () => {
    const fields = '{ id slug name postcodeAreas contactEmail }';
    const cheap = await system.graphql(`{ a: branches ${fields} b: branches ${fields} }`);
    expect(cheap.errors).toBeUndefined();
    const costly = await system.graphql(
      `{ a: branches ${fields} b: branches ${fields} c: branches ${fields} d: branches ${fields} }`,
    );
    expect(costly.errors?.[0].message).toContain('too much at once');
    expect(costly.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COSTLY',
    });
  });

  it('rate-limits public mutations per client with TOO_MANY_REQUESTS', async () => {
    const codes: Array<string | undefined> = [];
    const reasons: unknown[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await system.graphql('mutation { requestSignInLink(email: "someone@example.org") }');
      codes.push(res.errors?.[0].extensions?.code);
      reasons.push(res.errors?.[0].extensions?.reason);
    }
    expect(codes).toEqual([undefined, undefined, undefined, 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(reasons.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);

    // The emailed page's POST is limited as strictly (its own count) and answers a plain HTTP 429.
    for (let i = 0; i < 3; i += 1) {
      await system.http().post('/sign-in').type('form').send({ token: 'x' }).expect(400);
    }
    const limited = await system
      .http()
      .post('/sign-in')
      .type('form')
      .set('Accept', 'application/json')
      .send({ token: 'x' })
      .expect(429);
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED' });

    // Reading is not held back by the strict limit on public mutations.
    expect((await system.graphql('{ branches { id } }')).errors).toBeUndefined();
  });
});

import type { Response } from 'supertest';
import { PAGE_STYLESHEET } from '@app/core';
import { createMember, signIn } from '../factories';
import { TestSystem } from '../support/test-system';

const STRICT_CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;form-action 'self';" +
  "base-uri 'none';object-src 'none';frame-ancestors 'none'";
/** The dashboard's page shell: the same, and its QR scanner's decoder may run in a blob: worker. */
const DASHBOARD_CSP = `${STRICT_CSP};worker-src 'self' blob:`;
const LINK_TOKEN = 'x'.repeat(43);
const SOME_ID = '00000000-0000-4000-8000-000000000000';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the api serves over plain HTTP, read from Express's router (so new pages are included). */
function httpRoutes(system: TestSystem): Array<{ method: 'get' | 'post'; path: string }> {
  const express = system.api.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  return express.router.stack.flatMap((layer) => {
    const route = layer.route;
    // Apollo's own catch-all ({/*splat}) is checked through /graphql below.
    if (!route?.path.startsWith('/')) {
      return [];
    }
    return (['get', 'post'] as const)
      .filter((method) => route.methods[method])
      .map((method) => ({
        method,
        path:
          route.path === '/assets/:file'
            ? PAGE_STYLESHEET
            : route.path
                .replace(/:id/g, SOME_ID)
                .replace(/:branchId/g, SOME_ID)
                .replace(/:\w+/g, 'x'),
      }));
  });
}

/** What an HTML page may not hold under the CSP: inline script or style, or anything from elsewhere. */
/**
 * What the CSP would block or what would load from elsewhere: inline script (a <script> without src),
 * <style> blocks, style attributes, on* handlers, and any resource or form target (src, stylesheet
 * or icon href, form action) not on our own origin. Links a person may follow (a, canonical) are
 * not requests the page makes, so they may point elsewhere (the exit link, share links).
 */
function inlineOrForeign(html: string): string[] {
  const found: string[] = [];
  for (const pattern of [/<script\b(?![^>]*\ssrc=)/i, /<style\b/i, /\sstyle\s*=/i, /\son[a-z]+\s*=/i]) {
    if (pattern.test(html)) {
      found.push(pattern.source);
    }
  }
  const resources = [
    ...html.matchAll(/\s(?:src|action)="([^"]*)"/gi),
    ...html.matchAll(
      /<link\b(?=[^>]*\srel="(?:stylesheet|icon|preload|modulepreload)")[^>]*\shref="([^"]*)"/gi,
    ),
  ];
  for (const [, url] of resources) {
    if (!url.startsWith('/') || url.startsWith('//')) {
      found.push(url);
    }
  }
  return found;
}

describe('security headers in production', () => {
  let system: TestSystem;
  let admin: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false, env: { NODE_ENV: 'production' } });
    admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
  });
  afterAll(() => system.stop());

  const expectLockedDown = (res: Response, what: string) => {
    const dashboardShell = /^GET \/organise(\/\*path)? \(200\)$/.test(what);
    expect({ what, headers: res.headers }).toMatchObject({
      what,
      headers: {
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'content-security-policy': dashboardShell ? DASHBOARD_CSP : STRICT_CSP,
        'x-frame-options': 'DENY',
      },
    });
  };

  it('sends them on every response: pages, GraphQL, downloads, assets, errors and unknown paths', async () => {
    const routes = httpRoutes(system);
    expect(routes.length).toBeGreaterThan(20);
    const responses: Array<[string, Response]> = [];
    for (const { method, path } of routes) {
      const res =
        method === 'get'
          ? await system.http().get(`${path}?token=${LINK_TOKEN}`).set('Accept', 'text/html')
          : await system
              .http()
              .post(path)
              .type('form')
              .set('Accept', 'text/html')
              .send({ token: LINK_TOKEN });
      responses.push([`${method.toUpperCase()} ${path} (${res.status})`, res]);
    }
    responses.push(['GraphQL', await system.http().post('/graphql').send({ query: '{ branches { id } }' })]);
    responses.push([
      'GraphQL error',
      await system
        .http()
        .post('/graphql')
        .send({ query: '{ me { email } }' })
        .set('Authorization', 'Bearer nope'),
    ]);
    responses.push([
      'download',
      await system.http().get(`/branches/${SOME_ID}/members.csv`).set('Authorization', `Bearer ${admin}`),
    ]);
    responses.push(['unknown path', await system.http().get('/no-such-page').set('Accept', 'text/html')]);
    responses.push(['landing page', await system.http().get('/graphql').set('Accept', 'text/html')]);
    for (const [what, res] of responses) {
      expectLockedDown(res, what);
      expect(res.status).toBeLessThan(500);
    }

    // Every HTML page keeps to the policy: no inline script or style, nothing from elsewhere.
    const pages = responses.filter(([, res]) => /^text\/html/.test(res.headers['content-type'] ?? ''));
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const [what, res] of pages) {
      expect({ what, problems: inlineOrForeign(res.text) }).toEqual({ what, problems: [] });
    }
  });

  it('serves the pages’ stylesheet from the same origin, cached for good', async () => {
    const page = await system.http().get(`/sign-in?token=${LINK_TOKEN}`).expect(200);
    const href = /<link rel="stylesheet" href="(\/assets\/site\.css\?v=([0-9a-f]+))"/.exec(page.text);
    expect(href).not.toBeNull();
    const css = await system.http().get(href![1]).expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.text).toContain('button');
    // The older link pages' content-hashed stylesheet is still served from the same place.
    const legacy = await system.http().get(PAGE_STYLESHEET).expect(200);
    expect(legacy.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await system.http().get('/assets/nothing.css').expect(404);
  });
});

describe('security headers outside production', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  it('sends no Strict-Transport-Security, and relaxes the policy only for the Apollo Sandbox', async () => {
    const page = await system.http().get(`/sign-in?token=${LINK_TOKEN}`).expect(200);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['content-security-policy']).toBe(STRICT_CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const sandbox = await system.http().get('/graphql').set('Accept', 'text/html').expect(200);
    expect(sandbox.text).toContain('embeddable-sandbox.cdn.apollographql.com');
    expect(sandbox.headers['content-security-policy']).toContain("'unsafe-inline'");
    expect(sandbox.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(sandbox.headers['x-content-type-options']).toBe('nosniff');

    // The GraphQL endpoint itself keeps the strict policy.
    const api = await system.http().post('/graphql').send({ query: '{ branches { id } }' }).expect(200);
    expect(api.headers['content-security-policy']).toBe(STRICT_CSP);
  });
});

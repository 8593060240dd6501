import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AuthService, Session } from '@app/auth';
import { Member } from '@app/members';
import { createBranch, createMember } from '../factories';
import { TestSystem } from '../support/test-system';

const ME = JSON.stringify({ query: '{ me { id } }' });
const SIGN_OUT = JSON.stringify({ query: 'mutation { signOut }' });

/** A sign-in link's token, as the emailed link carries it. */
async function linkToken(system: TestSystem, memberId: string): Promise<string> {
  const member = await system.db.getRepository(Member).findOneByOrFail({ id: memberId });
  const { link } = await system.api.get(AuthService).createSignInLink(member);
  return new URL(link).searchParams.get('token')!;
}

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}
const bodyOf = (res: { body: unknown }): GraphqlBody => res.body as GraphqlBody;

/** The `name=value` part of a Set-Cookie header, and its attributes in lower case. */
function parseSetCookie(header: string): { pair: string; name: string; attributes: string[] } {
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { pair, name: pair.slice(0, pair.indexOf('=')), attributes: attributes.map((a) => a.toLowerCase()) };
}

describe('the dashboard session cookie, in production mode', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({
      worker: false,
      env: { NODE_ENV: 'production', CAMPAIGN_NAME: 'Safer <Scotland> & Co' },
    });
  });
  afterAll(() => system.stop());

  async function organiserCookie(): Promise<{
    cookie: string;
    memberId: string;
    branchId: string;
    setCookie: string;
  }> {
    const branch = await createBranch(system.db);
    const organiser = await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] });
    const res = await system
      .http()
      .post('/sign-in')
      .type('form')
      .send({ token: await linkToken(system, organiser.id) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/organise');
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
    expect(setCookie).toBeDefined();
    return { cookie: parseSetCookie(setCookie).pair, memberId: organiser.id, branchId: branch.id, setCookie };
  }

  function graphql(body: string, cookie: string, contentType = 'application/json') {
    return system.http().post('/graphql').set('Content-Type', contentType).set('Cookie', cookie).send(body);
  }

  it('signs nobody in from a form on another site (login CSRF): the link only shows its button', async () => {
    const branch = await createBranch(system.db);
    const organiser = await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] });
    const token = await linkToken(system, organiser.id);
    const crossSite = await system
      .http()
      .post('/sign-in')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ token });
    expect(crossSite.status).toBe(200);
    expect(crossSite.headers['set-cookie']).toBeUndefined();
    expect(crossSite.text).toContain('action="/sign-in"');
    // The link was not used up: the button on our own page still signs in.
    const sameSite = await system
      .http()
      .post('/sign-in')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ token });
    expect(sameSite.status).toBe(303);
    expect(sameSite.headers['set-cookie']).toBeDefined();
  });

  it('gives organisers an HttpOnly, Secure, SameSite=Strict __Host- cookie and sends them to /organise', async () => {
    const { setCookie, cookie, memberId } = await organiserCookie();
    const parsed = parseSetCookie(setCookie);
    expect(parsed.name).toBe('__Host-crm_session');
    expect(parsed.attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/']),
    );
    expect(parsed.attributes.some((a) => a.startsWith('domain'))).toBe(false);
    const expires = parsed.attributes.find((a) => a.startsWith('expires='))!;
    expect(new Date(expires.slice('expires='.length)).getTime()).toBeGreaterThan(
      Date.now() + 29 * 86_400_000,
    );

    // The API takes the cookie beside the bearer header.
    const me = await graphql(ME, cookie).expect(200);
    expect(me.body).toEqual({ data: { me: { id: memberId } } });
    // Only the __Host- cookie counts in production (a sibling subdomain cannot plant that one).
    const unprefixed = await graphql(ME, cookie.replace('__Host-crm_session', 'crm_session'));
    expect(bodyOf(unprefixed).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a cross-site-looking POST without the JSON content type is refused by CSRF prevention', async () => {
    const { cookie } = await organiserCookie();
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await graphql(SIGN_OUT, cookie, type);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/CSRF|preflight/i);
    }
    // The session is untouched.
    expect(bodyOf(await graphql(ME, cookie)).data?.me).toBeDefined();
  });

  it('others keep the page with their token and get no cookie', async () => {
    const member = await createMember(system.db);
    const res = await system
      .http()
      .post('/sign-in')
      .type('form')
      .send({ token: await linkToken(system, member.id) })
      .expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('<code id="code">');
  });

  it('signOut revokes the session and clears the cookie', async () => {
    const { cookie, memberId } = await organiserCookie();
    const out = await graphql(SIGN_OUT, cookie).expect(200);
    expect(out.body).toEqual({ data: { signOut: true } });
    const cleared = parseSetCookie(([] as string[]).concat(out.headers['set-cookie'] ?? [])[0] ?? '');
    expect(cleared.name).toBe('__Host-crm_session');
    expect(cleared.pair).toBe('__Host-crm_session=');
    expect(cleared.attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/']),
    );
    expect(cleared.attributes).toContain('expires=thu, 01 jan 1970 00:00:00 gmt');

    const after = await graphql(ME, cookie);
    expect(bodyOf(after).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(bodyOf(after).errors?.[0].message).toMatch(/sign in again/);
    const sessions = await system.db.getRepository(Session).findBy({ memberId });
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
  });

  it('signOut with both a bearer header and the cookie ends both sessions', async () => {
    const { cookie, memberId } = await organiserCookie();
    const member = await system.db.getRepository(Member).findOneByOrFail({ id: memberId });
    const bearer = (await system.api.get(AuthService).signIn(await linkToken(system, member.id))).token;
    const out = await graphql(SIGN_OUT, cookie).set('Authorization', `Bearer ${bearer}`).expect(200);
    expect(out.body).toEqual({ data: { signOut: true } });
    expect(bodyOf(await graphql(ME, cookie)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const sessions = await system.db.getRepository(Session).findBy({ memberId });
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
  });

  it('the CSV endpoints take the cookie, for the organiser’s own branch only', async () => {
    const { cookie, branchId } = await organiserCookie();
    const other = await createBranch(system.db);
    const own = await system.http().get(`/branches/${branchId}/members.csv`).set('Cookie', cookie);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toContain('text/csv');
    const theirs = await system.http().get(`/branches/${other.id}/members.csv`).set('Cookie', cookie);
    expect([403, 404]).toContain(theirs.status);
    const anonymous = await system.http().get(`/branches/${branchId}/members.csv`);
    expect(anonymous.status).toBe(401);
  });

  it('serves the dashboard at /organise: the shell under the strict policy, hashed assets cached for a year', async () => {
    for (const path of ['/organise', '/organise/', '/organise/members', '/organise/events/123/check-in']) {
      const res = await system.http().get(path).expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['set-cookie']).toBeUndefined();
      // No inline script or style: every script has a src, nothing from elsewhere.
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/<style|style="/);
      expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//);
      // The campaign's name, escaped.
      expect(res.text).toContain('<title>Organise – Safer &lt;Scotland&gt; &amp; Co</title>');
      expect(res.text).toContain('<meta name="campaign-name" content="Safer &lt;Scotland&gt; &amp; Co" />');
    }
    const shell = (await system.http().get('/organise')).text;
    const script = /<script type="module" crossorigin src="(\/organise\/assets\/[^"]+\.js)"/.exec(shell)?.[1];
    expect(script).toBeDefined();
    const asset = await system.http().get(script!).expect(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await system.http().get('/organise/assets/not-there-1234.js').expect(404);
  });

  it('keeps the JavaScript of the first screen under 250 kB compressed', async () => {
    const shell = (await system.http().get('/organise')).text;
    // What the page loads at once: its module scripts and the modules they preload.
    const files = [...shell.matchAll(/(?:src|href)="\/organise\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const file of files) {
      const res = await system.http().get(`/organise/assets/${file}`).buffer(true).expect(200);
      bytes += gzipSync(Buffer.from(res.text)).length;
    }
    expect(bytes).toBeLessThan(250 * 1024);
    // The members screen is a chunk of its own, loaded when it is opened.
    const chunks = readdirSync(join(process.cwd(), 'dist/dashboard/assets')).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(files.length);
    expect(chunks.some((f) => f.startsWith('Members-') && !files.includes(f))).toBe(true);
    expect(readFileSync(join(process.cwd(), 'dist/dashboard/index.html'), 'utf8')).toContain('campaign-name');
  });
});

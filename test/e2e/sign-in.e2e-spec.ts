import { OutboxMessage } from '@app/mail';
import { Session, SignInToken } from '@app/auth';
import { createMember } from '../factories';
import { TestSystem, tokenFromMail } from '../support/test-system';

const REQUEST_LINK = 'mutation($email: String!) { requestSignInLink(email: $email) }';
const SIGN_IN = `mutation($token: String!) {
  signIn(token: $token) { token expiresAt member { id email fullName roles { role branch { slug } } } }
}`;
const ME = '{ me { id email fullName } }';

describe('sign-in by emailed link', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // Every request counts on its own here (REPEAT_WINDOW_SECONDS=0), so the hourly limit shows;
    // identical requests within the window are merged (repeats.e2e-spec).
    system = await TestSystem.start({ env: { PUBLIC_RESPONSE_FLOOR_MS: '200', REPEAT_WINDOW_SECONDS: '0' } });
  });
  afterAll(() => system.stop());

  it('mails a link through the queue and worker, and the link signs the member in', async () => {
    const member = await createMember(system.db, {
      email: 'Morag.Brown@Example.org',
      fullName: 'Morag Brown',
    });

    // Asked in another case: emails are unique case-insensitively.
    const asked = await system.graphql(REQUEST_LINK, { email: 'morag.brown@example.ORG' });
    expect(asked.data).toEqual({ requestSignInLink: true });

    const mail = await system.mail.waitFor('morag.brown@example.org');
    expect(mail.subject).toBe('Your sign-in link');
    expect(mail.text).toContain('Morag Brown');
    const token = tokenFromMail(mail.text);
    expect(mail.text).toContain(`http://crm.test/sign-in?token=${token}`);

    // Only the hash is stored; the sent body is cleared from the outbox.
    const stored = await system.db.getRepository(SignInToken).findOneByOrFail({ memberId: member.id });
    expect(stored.tokenHash).not.toContain(token);
    const outbox = await system.db.getRepository(OutboxMessage).findOneByOrFail({ template: 'sign-in-link' });
    expect(outbox).toMatchObject({ status: 'SENT', textBody: null, htmlBody: null, attempts: 1 });
    expect(outbox.smtpMessageId).toBeTruthy();

    // Opening the link (a GET, as a mail scanner would) shows a button and changes nothing.
    const page = await system.http().get(`/sign-in?token=${token}`).expect(200);
    expect(page.text).toContain('<form method="post" action="/sign-in">');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await system.db.getRepository(SignInToken).findOneByOrFail({ id: stored.id })).usedAt).toBeNull();

    const signedIn = await system.graphql<{
      signIn: { token: string; expiresAt: string; member: { id: string; email: string; roles: unknown[] } };
    }>(SIGN_IN, { token });
    expect(signedIn.errors).toBeUndefined();
    const session = signedIn.data!.signIn;
    expect(session.member).toMatchObject({ id: member.id, email: 'Morag.Brown@Example.org', roles: [] });
    expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(session.token.length).toBeGreaterThanOrEqual(43);
    const sessionRow = await system.db.getRepository(Session).findOneByOrFail({ memberId: member.id });
    expect(sessionRow.tokenHash).not.toBe(session.token);

    const me = await system.graphql(ME, {}, session.token);
    expect(me.data).toEqual({
      me: { id: member.id, email: 'Morag.Brown@Example.org', fullName: 'Morag Brown' },
    });

    // The link works once.
    const again = await system.graphql(SIGN_IN, { token });
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Signing out revokes the session.
    const out = await system.graphql('mutation { signOut }', {}, session.token);
    expect(out.data).toEqual({ signOut: true });
    const after = await system.graphql(ME, {}, session.token);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers an unknown email the same way, no sooner, and sends nothing', async () => {
    const known = await createMember(system.db);
    const startedKnown = Date.now();
    const forKnown = await system.graphql(REQUEST_LINK, { email: known.email });
    const knownMs = Date.now() - startedKnown;

    const startedUnknown = Date.now();
    const forUnknown = await system.graphql(REQUEST_LINK, { email: 'nobody-here@example.org' });
    const unknownMs = Date.now() - startedUnknown;

    expect(forUnknown).toEqual(forKnown);
    // Both wait for the response floor (200 ms here), so timing does not tell them apart.
    expect(knownMs).toBeGreaterThanOrEqual(195);
    expect(unknownMs).toBeGreaterThanOrEqual(195);

    await system.mail.waitFor(known.email);
    expect(system.mail.to('nobody-here@example.org')).toHaveLength(0);
    expect(
      await system.db.getRepository(OutboxMessage).countBy({ toAddress: 'nobody-here@example.org' }),
    ).toBe(0);
  });

  it('refuses used, expired and wrong tokens with the same answer', async () => {
    const member = await createMember(system.db);
    await system.graphql(REQUEST_LINK, { email: member.email });
    const token = tokenFromMail((await system.mail.waitFor(member.email)).text);

    await system.db
      .getRepository(SignInToken)
      .update({ memberId: member.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await system.graphql(SIGN_IN, { token });
    const wrong = await system.graphql(SIGN_IN, { token: 'not-a-real-token' });

    for (const refused of [expired, wrong]) {
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.errors?.[0].message).toBe(expired.errors?.[0].message);
    }
    expect(await system.db.getRepository(Session).countBy({ memberId: member.id })).toBe(0);
  });

  it('lets one of two simultaneous uses of a link win, never both', async () => {
    const member = await createMember(system.db);
    await system.graphql(REQUEST_LINK, { email: member.email });
    const token = tokenFromMail((await system.mail.waitFor(member.email)).text);

    const results = await Promise.all([
      system.graphql(SIGN_IN, { token }),
      system.graphql(SIGN_IN, { token }),
    ]);
    expect(results.filter((r) => r.data?.signIn)).toHaveLength(1);
    expect(await system.db.getRepository(Session).countBy({ memberId: member.id })).toBe(1);
  });

  it('signs in from the emailed page by POST, and a used link shows a clear page', async () => {
    const member = await createMember(system.db, { fullName: 'Iain Stewart' });
    await system.graphql(REQUEST_LINK, { email: member.email });
    const token = tokenFromMail((await system.mail.waitFor(member.email)).text);

    const page = await system.http().post('/sign-in').type('form').send({ token }).expect(200);
    expect(page.text).toContain('You are signed in');
    expect(page.text).toContain('Iain Stewart');
    expect(page.headers['cache-control']).toBe('no-store');
    const sessionToken = /<code id="code">([^<]+)<\/code>/.exec(page.text)?.[1];
    expect((await system.graphql(ME, {}, sessionToken)).data).toMatchObject({ me: { id: member.id } });

    const used = await system.http().post('/sign-in').type('form').send({ token }).expect(400);
    expect(used.text).toContain('This link no longer works');
  });

  it('stops mailing one person after five links in an hour, with the same answer', async () => {
    const member = await createMember(system.db);
    for (let i = 0; i < 7; i += 1) {
      expect((await system.graphql(REQUEST_LINK, { email: member.email })).data).toEqual({
        requestSignInLink: true,
      });
    }
    await system.mail.waitFor(member.email, 5);
    expect(await system.db.getRepository(OutboxMessage).countBy({ toAddress: member.email })).toBe(5);
  });

  it('rejects a malformed email as BAD_USER_INPUT naming the field', async () => {
    const res = await system.graphql(REQUEST_LINK, { email: 'not an email' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fields?.map((f) => f.field)).toEqual(['email']);
  });
});

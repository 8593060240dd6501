import { ConsentRecord, EMAIL_CONSENT, Member, MemberToken } from '@app/members';
import { createBranch } from '../factories';
import { TestSystem, tokenFromMail } from '../support/test-system';

const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }';
const CONFIRM = 'mutation($token: String!) { confirmEmail(token: $token) }';

describe('joining the campaign', () => {
  let system: TestSystem;
  const members = () => system.db.getRepository(Member);

  beforeAll(async () => {
    system = await TestSystem.start();
    await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    await createBranch(system.db, { slug: 'fife', name: 'Fife', postcodeAreas: ['KY'] });
    await createBranch(system.db, { slug: 'st-andrews', name: 'St Andrews', postcodeAreas: ['KY16'] });
  });
  afterAll(() => system.stop());

  it('adds a new person with their consent, mails a link, and the link confirms the address', async () => {
    const res = await system.graphql(JOIN, {
      input: {
        fullName: ' Aileen Murray ',
        email: 'aileen@example.org',
        postcode: 'ky16 9aj',
        emailOptIn: true,
      },
    });
    expect(res.data).toEqual({ joinCampaign: { status: 'CONFIRMATION_SENT' } });

    const member = await members().findOneOrFail({
      where: { email: 'aileen@example.org' },
      relations: { branch: true },
    });
    expect(member).toMatchObject({
      fullName: 'Aileen Murray',
      postcode: 'KY16 9AJ',
      emailOptIn: true,
      emailConfirmedAt: null,
    });
    // The district (KY16) is more specific than the area (KY).
    expect(member.branch?.slug).toBe('st-andrews');

    const consent = await system.db.getRepository(ConsentRecord).findBy({ memberId: member.id });
    expect(consent).toEqual([
      expect.objectContaining({
        emailOptIn: true,
        wording: EMAIL_CONSENT.text,
        wordingVersion: EMAIL_CONSENT.version,
        source: 'join',
      }),
    ]);

    const mail = await system.mail.waitFor('aileen@example.org');
    expect(mail.subject).toBe('Please confirm your email address');
    expect(mail.text).toContain('Thank you for joining St Andrews');
    const token = tokenFromMail(mail.text, '/confirm-email');

    const page = await system.http().get(`/confirm-email?token=${token}`).expect(200);
    expect(page.text).toContain('Confirm my email address');
    expect((await members().findOneByOrFail({ id: member.id })).emailConfirmedAt).toBeNull();

    expect((await system.graphql(CONFIRM, { token })).data).toEqual({ confirmEmail: true });
    expect((await members().findOneByOrFail({ id: member.id })).emailConfirmedAt).toBeInstanceOf(Date);

    const again = await system.graphql(CONFIRM, { token });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const stored = await system.db.getRepository(MemberToken).findOneByOrFail({ memberId: member.id });
    expect(stored.tokenHash).not.toContain(token);
  });

  it('answers a known email exactly the same, changes nothing, and mails "already with us"', async () => {
    const first = await system.graphql(JOIN, {
      input: { fullName: 'Calum Reid', email: 'calum@example.org', postcode: 'DD1 4HN', emailOptIn: false },
    });
    await system.mail.waitFor('calum@example.org');

    const second = await system.graphql(JOIN, {
      input: { fullName: 'Someone Else', email: 'CALUM@example.org', postcode: 'G2 3DB', emailOptIn: true },
    });
    expect(second).toEqual(first);

    await system.mail.waitFor('calum@example.org', 2);
    // Both go out in one relay batch, so they may arrive in either order.
    const mails = system.mail.to('calum@example.org');
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Please confirm your email address',
      'You are already with us',
    ]);
    const mail = mails.find((m) => m.subject === 'You are already with us')!;
    expect(mail.text).toContain('Calum Reid');
    tokenFromMail(mail.text, '/confirm-email'); // not confirmed yet, so the mail carries a fresh confirmation link

    const rows = await members().findBy({ email: 'calum@example.org' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fullName: 'Calum Reid', postcode: 'DD1 4HN', emailOptIn: false });
    expect(await system.db.getRepository(ConsentRecord).countBy({ memberId: rows[0].id })).toBe(1);
  });

  it('uses the branch chosen over the postcode, and allows no branch at all', async () => {
    await system.graphql(JOIN, {
      input: {
        fullName: 'Ruth',
        email: 'ruth@example.org',
        postcode: 'DD1 4HN',
        emailOptIn: true,
        branchSlug: 'fife',
      },
    });
    await system.graphql(JOIN, {
      input: { fullName: 'Hamish', email: 'hamish@example.org', postcode: 'IV2 3HH', emailOptIn: false },
    });
    const ruth = await members().findOneOrFail({
      where: { email: 'ruth@example.org' },
      relations: { branch: true },
    });
    const hamish = await members().findOneByOrFail({ email: 'hamish@example.org' });
    expect(ruth.branch?.slug).toBe('fife');
    expect(hamish.branchId).toBeNull();
  });

  it('refuses a bad postcode or branch, naming the field, and stores nothing', async () => {
    const badPostcode = await system.graphql(JOIN, {
      input: { fullName: 'X', email: 'x@example.org', postcode: 'not a postcode', emailOptIn: true },
    });
    expect(badPostcode.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'postcode' }],
    });
    const badBranch = await system.graphql(JOIN, {
      input: {
        fullName: 'X',
        email: 'x@example.org',
        postcode: 'EH1 1AA',
        emailOptIn: true,
        branchSlug: 'atlantis',
      },
    });
    expect(badBranch.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'branchSlug' }],
    });
    const noChoice = await system.graphql(
      'mutation { joinCampaign(input: { fullName: "X", email: "x@example.org", postcode: "EH1 1AA" }) { status } }',
    );
    expect(noChoice.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await members().countBy({ email: 'x@example.org' })).toBe(0);
  });

  it('keeps one member however many identical joins arrive at once', async () => {
    const input = {
      fullName: 'Parallel Person',
      email: 'parallel@example.org',
      postcode: 'EH1 1AA',
      emailOptIn: true,
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => system.graphql(JOIN, { input })));
    expect(new Set(results.map((r) => JSON.stringify(r.data)))).toEqual(
      new Set([JSON.stringify({ joinCampaign: { status: 'CONFIRMATION_SENT' } })]),
    );
    expect(await members().countBy({ email: 'parallel@example.org' })).toBe(1);
    const member = await members().findOneByOrFail({ email: 'parallel@example.org' });
    expect(await system.db.getRepository(ConsentRecord).countBy({ memberId: member.id })).toBe(1);
  });

  it('keeps the consent ledger append-only', async () => {
    const record = await system.db.getRepository(ConsentRecord).findOneByOrFail({ source: 'join' });
    await expect(
      system.db.query(`UPDATE consent_record SET email_opt_in = NOT email_opt_in WHERE id = $1`, [record.id]),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('publishes the consent wording it records', async () => {
    const res = await system.graphql('{ emailConsent { text version } }');
    expect(res.data).toEqual({ emailConsent: { text: EMAIL_CONSENT.text, version: EMAIL_CONSENT.version } });
  });
});

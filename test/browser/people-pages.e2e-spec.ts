import type { Browser, Page, Response as PageResponse } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { SignInToken } from '@app/auth';
import { ConsentRecord, EMAIL_CONSENT, Member } from '@app/members';
import { createBranch, createMember } from '../factories';
import { sendCampaignNews } from '../factories/people';
import {
  axeViolations,
  budget,
  DESKTOP,
  hasFocus,
  horizontalOverflow,
  launchBrowser,
  listen,
  localLink,
  pageBudgets,
  PHONE,
  screenshot,
  socialMeta,
  submitAndWait,
  tabTo,
  visit,
  Visit,
} from '../support/browser';
import { PUBLIC_URL, TestSystem } from '../support/test-system';

jest.setTimeout(180_000);

/** A whole flow (several pages, each checked by axe, twice without JavaScript) needs longer on a loaded machine. */
const FLOW_TIMEOUT = 360_000;

/** Each flow runs twice: without JavaScript on a phone, and with it on a desktop. */
const RUNS = [
  { label: 'without JavaScript, on a phone', javaScript: false, viewport: PHONE, size: 'phone' },
  { label: 'with JavaScript, on a desktop', javaScript: true, viewport: DESKTOP, size: 'desktop' },
] as const;

describe('join, your data and the emailed-link pages in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  const members = () => system.db.getRepository(Member);

  beforeAll(async () => {
    system = await TestSystem.start({ env: { CAMPAIGN_NAME: 'Safer Scotland' } });
    base = await listen(system);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** Opens a page and checks what every page must be: strict policy, no violations, no sideways scroll. */
  async function open(page: Page, url: string, status = 200): Promise<PageResponse> {
    const response = await page.goto(url);
    expect(response?.status()).toBe(status);
    await expectGoodPage(page, response!);
    return response!;
  }

  /** The privacy notice and accessibility statement are libs/web's; their headers are not ours to set. */
  const OURS = /\/(join|your-data|confirm-email|my-data|erase|unsubscribe|sign-in)\b/;

  async function expectGoodPage(page: Page, response?: PageResponse): Promise<void> {
    if (response) {
      if (OURS.test(new URL(response.url()).pathname)) {
        expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
        expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      }
      expect(response.headers()['set-cookie']).toBeUndefined();
    }
    expect(await axeViolations(page)).toEqual([]);
    if ((page.viewportSize()?.width ?? 0) <= PHONE.width) {
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
  }

  /**
   * Nothing from elsewhere, no cookies, no script errors (a CSP refusal would be one), and each page
   * small: at most 30 kB of compressed JavaScript and 120 kB in all, page by page.
   */
  async function expectPrivateAndSmall(visited: Visit, errors: string[]): Promise<void> {
    expect(visited.requests.filter((url) => !url.startsWith(base))).toEqual([]);
    expect(await visited.context.cookies()).toEqual([]);
    expect(errors).toEqual([]);
    const budgets = await pageBudgets(visited.responses, base);
    expect(budgets.length).toBeGreaterThan(1);
    for (const sizes of budgets) {
      expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
      expect(sizes.total).toBeLessThanOrEqual(120 * 1024);
    }
  }

  function consoleErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (message) => {
      // Chromium notes every 4xx document as "Failed to load resource"; the pages that answer 400 on
      // purpose are checked by status. Anything else (a refusal by the policy, a script error) counts.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return errors;
  }

  it.each(RUNS)(
    'join → check email → confirm by the emailed link, $label, by keyboard',
    async (run) => {
      const dundee = await createBranch(system.db, { name: `Dundee ${run.size}`, postcodeAreas: ['DD'] });
      const glasgow = await createBranch(system.db, { name: `Glasgow ${run.size}`, postcodeAreas: ['G'] });
      // With JavaScript the branch is chosen from the list; without, it is found from the postcode.
      const expected = run.javaScript ? glasgow : dundee;
      const email = `join-${run.size}@example.org`;
      const visited = await visit(browser, { javaScript: run.javaScript, viewport: run.viewport });
      const { page } = visited;
      const errors = consoleErrors(page);

      await open(page, `${base}/join`);
      expect(await page.title()).toBe('Join the campaign – Safer Scotland');
      expect(await socialMeta(page)).toEqual({
        'og:title': 'Join the campaign',
        'og:description': expect.stringMatching(/./) as unknown,
        'og:url': `${PUBLIC_URL}/join`,
        'twitter:card': 'summary',
      });
      // The consent wording is shown exactly as the consent record stores it.
      expect(await page.locator('label[for="f-emailOptIn"]').innerText()).toBe(EMAIL_CONSENT.text);
      expect(await page.locator('#f-emailOptIn').isChecked()).toBe(false);
      expect(await page.locator('#f-branchSlug option').allInnerTexts()).toEqual(
        expect.arrayContaining(['Find it from my postcode', dundee.name, glasgow.name]),
      );
      await screenshot(page, `join-${run.size}`);

      // A bad postcode: the error summary, "Error: " in the title, and every other value kept.
      await tabTo(page, '#f-fullName');
      await page.keyboard.type('Eilidh Keyboard');
      await page.keyboard.press('Tab');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      await page.keyboard.type('DD1 4H');
      if (run.javaScript) {
        await page.selectOption('#f-branchSlug', glasgow.slug);
      }
      await tabTo(page, '#f-emailOptIn');
      await page.keyboard.press('Space');
      await tabTo(page, 'main form button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.title()).toBe('Error: Join the campaign – Safer Scotland');
      expect(await page.locator('.error-summary').innerText()).toContain('postcode must be a UK postcode');
      expect(await hasFocus(page, '.error-summary')).toBe(true);
      expect(await page.inputValue('#f-fullName')).toBe('Eilidh Keyboard');
      expect(await page.inputValue('#f-email')).toBe(email);
      expect(await page.inputValue('#f-postcode')).toBe('DD1 4H');
      expect(await page.inputValue('#f-branchSlug')).toBe(run.javaScript ? glasgow.slug : '');
      expect(await page.isChecked('#f-emailOptIn')).toBe(true);
      expect(await page.locator('#f-postcode').getAttribute('aria-invalid')).toBe('true');
      await expectGoodPage(page);
      await screenshot(page, `join-error-${run.size}`);
      expect(await members().countBy({ email })).toBe(0);

      // The summary links to the field; follow it, correct it and send with Enter.
      await tabTo(page, '.error-summary a[href="#f-postcode"]');
      await page.keyboard.press('Enter');
      expect(await hasFocus(page, '#f-postcode')).toBe(true);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('dd1 4hn');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/join/check-email`);
      expect(await page.locator('h1').innerText()).toBe('Check your email');
      await expectGoodPage(page);
      await screenshot(page, `join-check-email-${run.size}`);

      const mail = await system.mail.waitFor(email);
      expect(mail.subject).toBe('Please confirm your email address');
      expect(mail.text).toContain(`Thank you for joining ${expected.name}`);
      const member = await members().findOneByOrFail({ email });
      expect(member).toMatchObject({
        fullName: 'Eilidh Keyboard',
        postcode: 'DD1 4HN',
        branchId: expected.id,
        emailOptIn: true,
        emailConfirmedAt: null,
      });
      const consent = await system.db.getRepository(ConsentRecord).findBy({ memberId: member.id });
      expect(consent).toEqual([
        expect.objectContaining({
          emailOptIn: true,
          wording: EMAIL_CONSENT.text,
          wordingVersion: EMAIL_CONSENT.version,
          source: 'join',
        }),
      ]);

      // The emailed link: a page in the layout with one button; opening it changes nothing.
      const link = await open(page, localLink(mail.text, '/confirm-email', base));
      expect(link.headers()['referrer-policy']).toBe('no-referrer');
      expect(await page.locator('header').count()).toBe(1);
      expect(await page.locator('h1').innerText()).toBe('Confirm your email address');
      expect(await page.locator('meta[name=robots]').getAttribute('content')).toBe('noindex');
      await screenshot(page, `confirm-email-${run.size}`);
      expect((await members().findOneByOrFail({ id: member.id })).emailConfirmedAt).toBeNull();
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('Thank you');
      expect(await page.locator('main').innerText()).toContain(
        'Your email address is confirmed. Welcome to the campaign.',
      );
      expect(await page.locator('main a[href="/events"]').count()).toBe(1);
      await expectGoodPage(page);
      await screenshot(page, `confirm-email-done-${run.size}`);
      expect((await members().findOneByOrFail({ id: member.id })).emailConfirmedAt).toBeInstanceOf(Date);

      // The link works once; a second press says so, in the layout.
      await page.goBack();
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('This link no longer works');

      await expectPrivateAndSmall(visited, errors);
      if (!run.javaScript) {
        expect((await budget(visited.responses, base)).js).toBe(0);
      }
      await visited.context.close();
    },
    FLOW_TIMEOUT,
  );

  it('a join answers the same whether or not the address is known, and sets no cookie', async () => {
    const form = {
      fullName: 'Repeat Person',
      email: 'repeat-join@example.org',
      postcode: 'DD1 4HN',
      emailOptIn: 'yes',
    };
    const first = await system.http().post('/join').type('form').send(form);
    const again = await system
      .http()
      .post('/join')
      .type('form')
      .send({ ...form, fullName: 'Someone Else' });
    for (const answer of [first, again]) {
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/join/check-email');
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    await system.mail.waitFor('repeat-join@example.org', 2);
    // Both go out in one relay batch, so they may arrive in either order.
    expect(
      system.mail
        .to('repeat-join@example.org')
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Please confirm your email address', 'You are already with us']);
    expect(await members().findOneByOrFail({ email: 'repeat-join@example.org' })).toMatchObject({
      fullName: 'Repeat Person',
    });

    // Without the box ticked, nobody is opted in; a branch that is not in the list is refused by name.
    await system
      .http()
      .post('/join')
      .type('form')
      .send({ ...form, email: 'no-news@example.org', emailOptIn: undefined })
      .expect(303);
    expect(await members().findOneByOrFail({ email: 'no-news@example.org' })).toMatchObject({
      emailOptIn: false,
    });
    const unknown = await system
      .http()
      .post('/join')
      .type('form')
      .send({ ...form, email: 'atlantis@example.org', branchSlug: 'atlantis' })
      .expect(422);
    expect(unknown.text).toContain('Choose a branch from the list');
    expect(unknown.text).toContain('value="atlantis@example.org"');
    expect(await members().countBy({ email: 'atlantis@example.org' })).toBe(0);
  });

  it.each(RUNS)(
    'your data from the footer: a copy of it by email, $label, by keyboard',
    async (run) => {
      const email = `copy-${run.size}@example.org`;
      const member = await createMember(system.db, {
        email,
        fullName: `Morven Data ${run.size}`,
        postcode: 'DD1 4HN',
        emailOptIn: true,
        emailConfirmedAt: new Date(),
      });
      const visited = await visit(browser, { javaScript: run.javaScript, viewport: run.viewport });
      const { page } = visited;
      const errors = consoleErrors(page);

      // Every page's footer links to it; here, the privacy notice's.
      await page.goto(`${base}/privacy`);
      await tabTo(page, 'footer a[href="/your-data"]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/your-data`);
      expect(await page.title()).toBe('Your data – Safer Scotland');
      await expectGoodPage(page);
      await screenshot(page, `your-data-${run.size}`);

      // A mistyped address: the summary, the value kept, nothing sent.
      await tabTo(page, '#f-copyEmail');
      await page.keyboard.type('morven at example');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.title()).toBe('Error: Your data – Safer Scotland');
      expect(await page.locator('.error-summary').innerText()).toContain('email must be an email address');
      expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#f-copyEmail');
      expect(await hasFocus(page, '.error-summary')).toBe(true);
      expect(await page.inputValue('#f-copyEmail')).toBe('morven at example');
      await expectGoodPage(page);
      await screenshot(page, `your-data-error-${run.size}`);

      // A copy: "check your email", the mail, and its link downloads the JSON file.
      await tabTo(page, '.error-summary a');
      await page.keyboard.press('Enter');
      expect(await hasFocus(page, '#f-copyEmail')).toBe(true);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(email.toUpperCase());
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/your-data/check-email?request=copy`);
      expect(await page.locator('main').innerText()).toContain('a link to download a copy');
      await expectGoodPage(page);
      await screenshot(page, `your-data-copy-sent-${run.size}`);
      const copyMail = await system.mail.waitFor(email);
      expect(copyMail.subject).toBe('Your data');
      const downloadUrl = localLink(copyMail.text, '/my-data', base);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.goto(downloadUrl).catch(() => null),
      ]);
      expect(download.suggestedFilename()).toBe('my-data.json');
      const data = JSON.parse(await readFile(await download.path(), 'utf8')) as {
        member: Record<string, unknown>;
      };
      expect(data.member).toMatchObject({ email, fullName: `Morven Data ${run.size}`, postcode: 'DD1 4HN' });

      // Once the link has expired, its page says so in the layout.
      await system.db.query(
        `UPDATE member_token SET expires_at = now() - interval '1 second' WHERE purpose = 'data-export' AND member_id = $1`,
        [member.id],
      );
      const stale = await open(page, downloadUrl, 400);
      expect(stale.headers()['referrer-policy']).toBe('no-referrer');
      expect(stale.headers()['cache-control']).toBe('no-store');
      expect(await page.locator('h1').innerText()).toBe('This link no longer works');
      await screenshot(page, `my-data-stale-${run.size}`);

      await expectPrivateAndSmall(visited, errors);
      await visited.context.close();
    },
    FLOW_TIMEOUT,
  );

  it.each(RUNS)(
    'your data: erased by the emailed link, $label, by keyboard',
    async (run) => {
      const email = `erase-${run.size}@example.org`;
      const member = await createMember(system.db, {
        email,
        fullName: `Fraser Erase ${run.size}`,
        postcode: 'G2 3DB',
      });
      const visited = await visit(browser, { javaScript: run.javaScript, viewport: run.viewport });
      const { page } = visited;
      const errors = consoleErrors(page);

      await page.goto(`${base}/your-data`);
      await tabTo(page, '#f-eraseEmail');
      await page.keyboard.type(email);
      await tabTo(page, 'form:has(#f-eraseEmail) button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/your-data/check-email?request=erase`);
      expect(await page.locator('main').innerText()).toContain(
        'Nothing is erased until you open the link and press the button',
      );
      await expectGoodPage(page);
      await screenshot(page, `your-data-erase-sent-${run.size}`);
      const eraseMail = await system.mail.waitFor(email);
      expect(eraseMail.subject).toBe('Confirm that we should erase your data');

      const link = localLink(eraseMail.text, '/erase', base);
      await open(page, link);
      expect(await page.locator('main button[type=submit]').innerText()).toBe('Erase my data');
      await screenshot(page, `erase-${run.size}`);
      expect((await members().findOneByOrFail({ id: member.id })).erasedAt).toBeNull();
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('Your data is erased');
      await expectGoodPage(page);
      await screenshot(page, `erased-${run.size}`);
      const erased = await members().findOneByOrFail({ id: member.id });
      expect(erased.erasedAt).toBeInstanceOf(Date);
      expect(erased).toMatchObject({ fullName: 'Erased', postcode: null });

      // The link worked once: pressing again says so.
      await page.goto(link);
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('This link no longer works');

      await expectPrivateAndSmall(visited, errors);
      await visited.context.close();
    },
    FLOW_TIMEOUT,
  );

  it('your data answers the same whether or not the address is known, and sets no cookie', async () => {
    const known = await createMember(system.db, { email: 'known-data@example.org' });
    const answers: Array<{ status: number; headers: Record<string, string> }> = [];
    for (const request of ['copy', 'erase']) {
      for (const email of [known.email, 'stranger@example.org']) {
        answers.push(
          await system
            .http()
            .post('/your-data')
            .type('form')
            .send({ request, [`${request}Email`]: email }),
        );
      }
    }
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe(`/your-data/check-email?request=${i < 2 ? 'copy' : 'erase'}`);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    // The two go out in one relay batch, in either order.
    await system.mail.waitForSubject(known.email, 'Confirm that we should erase your data');
    await system.mail.waitForSubject(known.email, 'Your data');
    expect(system.mail.to(known.email)).toHaveLength(2);
    expect(system.mail.to('stranger@example.org')).toHaveLength(0);
  });

  it.each(RUNS)(
    'unsubscribe by the link in a campaign email’s footer, $label, by keyboard',
    async (run) => {
      const member = await createMember(system.db, {
        email: `news-${run.size}@example.org`,
        emailOptIn: true,
        emailConfirmedAt: new Date(),
      });
      expect(await sendCampaignNews(system, member)).toBe(true);
      const mail = await system.mail.waitFor(member.email);
      const visited = await visit(browser, { javaScript: run.javaScript, viewport: run.viewport });
      const { page } = visited;
      const errors = consoleErrors(page);

      const url = localLink(mail.text, '/unsubscribe', base);
      await open(page, url);
      expect(await page.locator('h1').innerText()).toBe('Unsubscribe');
      await screenshot(page, `unsubscribe-${run.size}`);
      expect((await members().findOneByOrFail({ id: member.id })).emailOptIn).toBe(true);
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('You are unsubscribed');
      expect(await page.locator('main a[href="/your-data"]').count()).toBe(1);
      await expectGoodPage(page);
      await screenshot(page, `unsubscribed-${run.size}`);
      expect((await members().findOneByOrFail({ id: member.id })).emailOptIn).toBe(false);
      const ledger = await system.db.getRepository(ConsentRecord).findBy({ memberId: member.id });
      expect(ledger.map((r) => [r.source, r.emailOptIn])).toEqual([['unsubscribe', false]]);

      // The mail provider's RFC 8058 one-click POST to the same link still works (and changes nothing more).
      await system
        .http()
        .post(url.replace(base, ''))
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(await system.db.getRepository(ConsentRecord).countBy({ memberId: member.id })).toBe(1);

      await expectPrivateAndSmall(visited, errors);
      await visited.context.close();
    },
    FLOW_TIMEOUT,
  );

  it.each(RUNS)(
    'sign in by the emailed link, in the layout, $label',
    async (run) => {
      const member = await createMember(system.db, { fullName: `Ailsa Signin ${run.size}` });
      await system.graphql('mutation($email: String!) { requestSignInLink(email: $email) }', {
        email: member.email,
      });
      const mail = await system.mail.waitFor(member.email);
      const visited = await visit(browser, { javaScript: run.javaScript, viewport: run.viewport });
      const { page } = visited;
      const errors = consoleErrors(page);

      const url = localLink(mail.text, '/sign-in', base);
      await open(page, url);
      expect(await page.locator('h1').innerText()).toBe('Sign in');
      await screenshot(page, `sign-in-${run.size}`);
      expect(
        (await system.db.getRepository(SignInToken).findOneByOrFail({ memberId: member.id })).usedAt,
      ).toBeNull();
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('You are signed in');
      expect(await page.locator('main').innerText()).toContain(`Welcome, Ailsa Signin ${run.size}.`);
      const session = await page.locator('#code').innerText();
      expect((await system.graphql('{ me { id } }', {}, session)).data).toEqual({ me: { id: member.id } });
      await expectGoodPage(page);
      await screenshot(page, `signed-in-${run.size}`);

      await page.goto(url);
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('This link no longer works');
      await expectGoodPage(page);

      await expectPrivateAndSmall(visited, errors);
      await visited.context.close();
    },
    FLOW_TIMEOUT,
  );

  it.each(RUNS)(
    'the privacy notice and accessibility statement, $label',
    async (run) => {
      const visited = await visit(browser, { javaScript: run.javaScript, viewport: run.viewport });
      const { page } = visited;
      const errors = consoleErrors(page);
      await open(page, `${base}/privacy`);
      expect(await page.locator('main').innerText()).toContain(
        'for all of it to be erased, at any time and without an account',
      );
      await screenshot(page, `privacy-${run.size}`);
      await open(page, `${base}/accessibility`);
      await screenshot(page, `accessibility-${run.size}`);
      await expectPrivateAndSmall(visited, errors);
      await visited.context.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'an incomplete emailed link says so, in the layout, and offers no button',
    async () => {
      const visited = await visit(browser, { javaScript: false, viewport: PHONE });
      const { page } = visited;
      for (const path of ['/confirm-email', '/erase', '/unsubscribe', '/sign-in']) {
        await open(page, `${base}${path}`);
        expect(await page.locator('main').innerText()).toContain('This link is incomplete');
        expect(await page.locator('main form').count()).toBe(0);
      }
      await open(page, `${base}/my-data`, 400);
      expect(await page.locator('main').innerText()).toContain('This link is incomplete');
      await expectPrivateAndSmall(visited, []);
      await visited.context.close();
    },
    FLOW_TIMEOUT,
  );

  it('a branch can link to its own join form', async () => {
    const branch = await createBranch(system.db, { name: 'Edinburgh', slug: 'edinburgh' });
    const { page, context } = await visit(browser, { javaScript: false, viewport: PHONE });
    await page.goto(`${base}/join?branch=edinburgh`);
    expect(await page.inputValue('#f-branchSlug')).toBe(branch.slug);
    expect(await page.locator('header').innerText()).toContain('Edinburgh');
    await page.goto(`${base}/join?branch=no-such-branch`);
    expect(await page.inputValue('#f-branchSlug')).toBe('');
    await context.close();
  });
});

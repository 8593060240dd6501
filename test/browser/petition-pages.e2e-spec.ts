import type { Browser } from 'playwright-core';
import { Signature } from '@app/petitions';
import { createBranch, createOpenPetition } from '../factories';
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
} from '../support/browser';
import { PUBLIC_URL, TestSystem } from '../support/test-system';

jest.setTimeout(180_000);

describe('petition pages in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { CAMPAIGN_NAME: 'Safer Scotland' } });
    base = await listen(system);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])('sign → check email → confirm → counted and shared, %s, by keyboard', async (_label, javaScript) => {
    const branch = await createBranch(system.db, { name: 'Dundee' });
    const petition = await createOpenPetition(system.db, { branchId: branch.id });
    const email = `kb-${javaScript ? 'js' : 'nojs'}@example.org`;
    const { page, context, requests, responses } = await visit(browser, { javaScript, viewport: PHONE });

    await page.goto(`${base}/petitions/${petition.slug}`);
    expect(await page.title()).toBe(`${petition.title} – Safer Scotland`);
    expect(await socialMeta(page)).toEqual({
      'og:title': petition.title,
      'og:description': petition.summary,
      'og:url': `${PUBLIC_URL}/petitions/${petition.slug}`,
      'twitter:card': 'summary',
    });
    expect(await page.locator('header').innerText()).toContain('Dundee');
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `petition-phone${javaScript ? '' : '-nojs'}`);

    // A bad postcode: the error summary, "Error: " in the title, and every other value kept.
    await tabTo(page, '#f-fullName');
    await page.keyboard.type('Morven Keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not a postcode');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // show my name
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.error-summary').innerText()).toContain('postcode must be a UK postcode');
    expect(await hasFocus(page, '.error-summary')).toBe(true);
    expect(await page.inputValue('#f-fullName')).toBe('Morven Keyboard');
    expect(await page.inputValue('#f-email')).toBe(email);
    expect(await page.isChecked('#f-showName')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `petition-error-phone${javaScript ? '' : '-nojs'}`);
    expect(await system.db.getRepository(Signature).countBy({ petitionId: petition.id })).toBe(0);

    // The summary links to the field; follow it, fix it and send, by keyboard.
    await tabTo(page, '.error-summary a[href="#f-postcode"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '#f-postcode');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('dd1 4hn');
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toBe(`${base}/petitions/${petition.slug}/check-email`);
    expect(await page.locator('h1').innerText()).toContain('Check your email');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `petition-check-email-phone${javaScript ? '' : '-nojs'}`);

    const mail = await system.mail.waitFor(email);
    await page.goto(localLink(mail.text, '/petitions/confirm', base));
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'main button[type=submit]');
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    expect(await page.locator('h1').innerText()).toContain('your signature is counted');
    expect(await page.locator('.share').innerText()).toContain('WhatsApp');
    expect(await page.locator('main a[href="/write"]').count()).toBeGreaterThan(0);
    if (!javaScript) {
      // The share sheet's button needs JavaScript: without it, it is not there to press.
      expect(await page.locator('.share__native').count()).toBe(1);
      expect(await page.locator('.share__native').isVisible()).toBe(false);
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `petition-thanks-phone${javaScript ? '' : '-nojs'}`);

    await page.goto(`${base}/petitions/${petition.slug}`);
    expect(await page.locator('.progress__text').innerText()).toContain('1 signature');
    expect(await page.locator('main').innerText()).toContain('Morven, DD1');

    // Budgets and privacy: nothing from elsewhere, no cookies, small pages.
    expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    const pages = await pageBudgets(responses, base);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const sizes of pages) {
      expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
      expect(sizes.total).toBeLessThanOrEqual(120 * 1024);
      if (!javaScript) {
        expect(sizes.js).toBe(0);
      }
    }
    await context.close();
  });

  it('every page is within budget (at most 30 kB of compressed JavaScript, 120 kB in all); the count is live', async () => {
    const petition = await createOpenPetition(system.db);
    const { page, context, responses } = await visit(browser, { viewport: DESKTOP });
    await page.clock.install();
    await page.goto(`${base}/petitions/${petition.slug}`);
    await page.waitForLoadState('networkidle');
    const sizes = await budget(responses, base);
    expect(sizes.js).toBeGreaterThan(0);
    expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
    expect(sizes.total).toBeLessThanOrEqual(120 * 1024);
    await screenshot(page, 'petition-desktop');
    expect(await page.locator('.progress__text').innerText()).toBe('0 signatures of 100 needed');

    // Someone else signs and confirms meanwhile: the count and the bar follow, without a reload.
    await system.http().post(`/petitions/${petition.slug}`).type('form').send({
      fullName: 'Live Count',
      email: 'live-count@example.org',
      postcode: 'DD1 4HN',
    });
    const mail = await system.mail.waitFor('live-count@example.org');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await system.graphql('mutation($token: String!) { confirmSignature(token: $token) { id } }', { token });
    const reloads = responses.length;
    await page.clock.runFor(16_000);
    await page.waitForFunction(
      () => document.querySelector('.progress__text')?.textContent === '1 signature of 100 needed',
    );
    expect(await page.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(1);
    expect(page.url()).toBe(`${base}/petitions/${petition.slug}`);
    expect(responses.slice(reloads).filter((r) => r.type.includes('text/html'))).toEqual([]);
    await context.close();
  });

  it('the list, 404 and a closed petition are pages in the layout', async () => {
    const open = await createOpenPetition(system.db);
    const closed = await createOpenPetition(system.db, { status: 'CLOSED' });
    const { page, context } = await visit(browser, { viewport: PHONE });
    await page.goto(`${base}/petitions`);
    expect(await page.locator('main').innerText()).toContain(open.title);
    expect(await page.locator('main').innerText()).not.toContain(closed.title);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'petitions-phone');

    const missing = await page.goto(`${base}/petitions/no-such-petition`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toContain('Page not found');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'petition-not-found-phone');

    await page.goto(`${base}/petitions/${closed.slug}`);
    expect(await page.locator('main').innerText()).toContain('This petition is closed');
    expect(await page.locator('form[method=post]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'petition-closed-phone');

    await page.setViewportSize(DESKTOP);
    await page.goto(`${base}/petitions`);
    await screenshot(page, 'petitions-desktop');
    await page.goto(`${base}/petitions/no-such-petition`);
    await screenshot(page, 'petition-not-found-desktop');
    await context.close();
  });

  it('a draft is not public', async () => {
    const draft = await createOpenPetition(system.db, { status: 'DRAFT' });
    const res = await system.http().get(`/petitions/${draft.slug}`).set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(draft.title);
  });

  it('the form post answers the same for a known signer and a new one (no enumeration)', async () => {
    const petition = await createOpenPetition(system.db);
    const form = { fullName: 'Repeat Person', email: 'repeat@example.org', postcode: 'DD1 4HN' };
    const first = await system.http().post(`/petitions/${petition.slug}`).type('form').send(form);
    const again = await system.http().post(`/petitions/${petition.slug}`).type('form').send(form);
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(first.headers['set-cookie']).toBeUndefined();
  });
});

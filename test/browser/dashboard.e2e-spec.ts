import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { Branch } from '@app/branches';
import { Member } from '@app/members';
import { createBranch, createMember, createOpenPetition } from '../factories';
import {
  axeViolations,
  budget,
  DESKTOP,
  hasFocus,
  horizontalOverflow,
  launchBrowser,
  listen,
  localLink,
  PHONE,
  screenshot,
  submitAndWait,
  visit,
  Visit,
} from '../support/browser';
import { TestSystem } from '../support/test-system';

jest.setTimeout(300_000);

describe('the organisers’ dashboard at /organise, in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let glasgow: Branch;
  let dundee: Branch;
  let organiser: Member;
  /** The organiser's signed-in browser (desktop), kept across the steps below, in order. */
  let desk: Visit;
  let errors: string[];

  beforeAll(async () => {
    system = await TestSystem.start({ env: { CAMPAIGN_NAME: 'Safer Scotland' } });
    base = await listen(system);
    browser = await launchBrowser();
    glasgow = await createBranch(system.db, { name: 'Glasgow', slug: 'glasgow', postcodeAreas: ['G'] });
    dundee = await createBranch(system.db, { name: 'Dundee', slug: 'dundee', postcodeAreas: ['DD'] });
    organiser = await createMember(system.db, {
      fullName: 'Morag Organiser',
      email: 'morag.organiser@example.org',
      branchId: glasgow.id,
      roles: [{ role: 'ORGANISER', branchId: glasgow.id }],
    });
    await createMember(system.db, {
      fullName: 'Eilidh Glasgow',
      email: 'eilidh@example.org',
      postcode: 'G1 1AA',
      branchId: glasgow.id,
      emailOptIn: true,
      emailConfirmedAt: new Date(),
    });
    // Enough for a second page (25 a page).
    for (let i = 0; i < 26; i += 1) {
      await createMember(system.db, { fullName: `Glasgow Person ${i}`, branchId: glasgow.id });
    }
    await createMember(system.db, {
      fullName: 'Duncan Dundee',
      email: 'duncan@example.org',
      branchId: dundee.id,
    });
    await createOpenPetition(system.db, {
      title: 'Safe consumption in Glasgow',
      branchId: glasgow.id,
      goal: 500,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  function consoleErrors(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (message) => {
      // 4xx answers the test asks for on purpose (another branch) are noted as failed loads.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        seen.push(message.text());
      }
    });
    page.on('pageerror', (error) => seen.push(error.message));
    return seen;
  }

  async function expectGoodScreen(page: Page): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    if ((page.viewportSize()?.width ?? 0) <= PHONE.width) {
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
  }

  /** A GraphQL call from the page's context: same origin, with its cookie, as the app makes it. */
  async function apiFrom(page: Page, query: string, variables: Record<string, unknown> = {}) {
    const res = await page.request.post(`${base}/graphql`, {
      headers: { 'Content-Type': 'application/json' },
      data: { query, variables },
    });
    return (await res.json()) as {
      data?: unknown;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
  }

  const mainText = (page: Page) => page.locator('main').innerText();

  it('without a session asks for the emailed link; the link signs in and lands on /organise', async () => {
    desk = await visit(browser, { viewport: DESKTOP });
    const { page } = desk;
    errors = consoleErrors(page);
    await page.goto(`${base}/organise`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in – Organise – Safer Scotland');
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-sign-in');

    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText('Check your email.').waitFor();
    const mail = await system.mail.waitFor(organiser.email);

    await page.goto(localLink(mail.text, '/sign-in', base));
    await submitAndWait(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    expect(new URL(page.url()).pathname).toBe('/organise');
    await page.getByRole('heading', { level: 1, name: 'Glasgow' }).waitFor();

    // The session is a cookie no script can read.
    const cookies = await desk.context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'crm_session', httpOnly: true, sameSite: 'Strict', path: '/' }),
    ]);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // Home: the branch's open petition with its count, its recent joins.
    await page.getByText('Safe consumption in Glasgow').waitFor();
    const home = await mainText(page);
    expect(home).toContain('0 of 500 signatures');
    expect(home).toContain('28 members in all.');
    expect(home).toContain('Glasgow Person 25');
    expect(home).not.toContain('Duncan Dundee');
    expect(await page.locator('header').innerText()).toContain('Safer Scotland');
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-home');

    // The first screen's JavaScript is well under the budget; nothing from elsewhere.
    const sizes = await budget(desk.responses, base);
    expect(sizes.js).toBeLessThan(250 * 1024);
    expect(desk.requests.filter((url) => !url.startsWith(base))).toEqual([]);
  });

  it('members: Glasgow’s only, keyset pages, search, tag the selection', async () => {
    const { page } = desk;
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members of Glasgow' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/organise/members');
    await page.getByText('Showing 1–25 of 28 members.').waitFor();
    expect(await page.locator('table.responsive tbody tr').count()).toBe(25);
    expect(await mainText(page)).not.toContain('Duncan Dundee');
    // The screen took the focus (its heading), and the current screen is marked by more than colour.
    expect(await hasFocus(page, 'h1')).toBe(true);
    expect(await page.locator('nav a[aria-current="page"]').innerText()).toBe('Members');
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-members');

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Showing 26–28 of 28 members.').waitFor();
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('Showing 1–25 of 28 members.').waitFor();

    await page.getByLabel('Search members').fill('eilidh');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Showing 1–1 of 1 members.').waitFor();
    expect(await page.locator('table.responsive tbody tr').innerText()).toContain('eilidh@example.org');

    await page.getByLabel('Select Eilidh Glasgow').check();
    await page.getByLabel(/Tag for the 1 selected/).fill('stall-volunteer');
    await page.getByRole('button', { name: 'Tag selected' }).click();
    await page.getByText('Tagged 1 members “stall-volunteer”.').waitFor();
    await page.locator('table.responsive tbody tr', { hasText: 'stall-volunteer' }).waitFor();

    // Filter by the tag: the same one person.
    await page.getByLabel('Search members').fill('');
    await page.getByLabel('Tag', { exact: true }).fill('stall-volunteer');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Showing 1–1 of 1 members.').waitFor();
    await expectGoodScreen(page);

    // And take it away again: nobody has the tag now.
    await page.getByLabel('Select Eilidh Glasgow').check();
    await page.getByLabel(/Tag for the 1 selected/).fill('stall-volunteer');
    await page.getByRole('button', { name: 'Remove tag from selected' }).click();
    await page.getByText('Removed “stall-volunteer” from 1 members.').waitFor();
    const eilidh = await system.db.getRepository(Member).findOneByOrFail({ email: 'eilidh@example.org' });
    expect(eilidh.tags).toEqual([]);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No members match.').waitFor();
  });

  it('another branch’s id typed into the address shows the API’s refusal and none of its people', async () => {
    const { page } = desk;
    await page.goto(`${base}/organise/members?branch=${dundee.id}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/\S/);
    expect(await mainText(page)).not.toContain('Duncan Dundee');
    expect(await page.locator('table.responsive').count()).toBe(0);
    await expectGoodScreen(page);

    // The API itself, called with the organiser's cookie, refuses Dundee.
    const members = await apiFrom(
      page,
      'query($b: ID!) { members(branchId: $b) { edges { node { fullName } } } }',
      {
        b: dundee.id,
      },
    );
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(members.errors?.[0].extensions?.code);
    expect(JSON.stringify(members)).not.toContain('Duncan');
    const csv = await page.request.get(`${base}/branches/${dundee.id}/members.csv`);
    expect([403, 404]).toContain(csv.status());
    expect(await csv.text()).not.toContain('duncan@example.org');
  });

  it('imports a CSV with a bad line and shows the report; Export CSV downloads the branch’s members', async () => {
    const { page } = desk;
    await page.goto(`${base}/organise/members?branch=${glasgow.id}`);
    await page.getByText('Showing 1–25 of 28 members.').waitFor();
    await page.getByLabel('CSV file to import').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,full_name\nnew.person@example.org,New Person\nnot-an-email,Bad Line\n'),
    });
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByText('Imported: 1 created, 0 updated, 0 skipped, 1 rejected.').waitFor();
    const report = page.getByRole('table', { name: 'Rejected lines' });
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^3\s+\S/);
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-import');

    // Without a file: the error, next to the field.
    await page.getByLabel('CSV file to import').setInputFiles([]);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByText('Error: Choose a CSV file first.').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('members.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('eilidh@example.org');
    expect(csv).toContain('new.person@example.org');
    expect(csv).not.toContain('duncan@example.org');
  });

  it('on a 360 px phone: a readable list, no sideways scroll, no violations; an unknown address', async () => {
    const phone = await visit(browser, { viewport: PHONE });
    await phone.context.addCookies(await desk.context.cookies());
    const { page } = phone;
    const phoneErrors = consoleErrors(page);
    await page.goto(`${base}/organise/members`);
    await page.getByText('Showing 1–25 of 29 members.').waitFor();
    // Each person is a card with each value named.
    expect((await page.locator('table.responsive thead').boundingBox())?.height).toBeLessThanOrEqual(1);
    expect(await page.locator('td[data-label="Email"]').first().isVisible()).toBe(true);
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-members-phone');
    await page.goto(`${base}/organise/nothing-here`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectGoodScreen(page);
    expect(phoneErrors).toEqual([]);
    await phone.context.close();
  });

  it('a member’s page: add a member, see the consent they gave, edit and archive them', async () => {
    const { page } = desk;
    await page.goto(`${base}/organise/members?branch=${glasgow.id}`);
    await page.getByRole('link', { name: 'Add a member' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a member to Glasgow' }).waitFor();
    await expectGoodScreen(page);
    // The API's own refusal, shown on the form.
    await page.getByLabel('Full name').fill('Kirsty Added');
    await page.getByLabel('Email address').fill('eilidh@example.org');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/^Error: \S/);
    await page.getByLabel('Email address').fill('kirsty.added@example.org');
    await page.getByLabel(/campaign/i).check();
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kirsty Added' }).waitFor();
    const added = await system.db
      .getRepository(Member)
      .findOneByOrFail({ email: 'kirsty.added@example.org' });
    expect(added.branchId).toBe(glasgow.id);
    expect(new URL(page.url()).pathname).toBe(`/organise/members/${added.id}`);
    const history = page.getByRole('table', { name: 'Consent history, newest first' });
    expect(await history.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/Yes\s+Recorded by an organiser/),
    ]);
    expect(await mainText(page)).toContain('No replies to your branch’s events.');
    expect(await mainText(page)).toContain('Only admins grant and remove roles.');
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-member');

    await page.getByLabel('Full name').fill('Kirsty Edited');
    await page.getByLabel('Wants campaign email').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Kirsty Edited' }).waitFor();
    await history.locator('tbody tr').nth(1).waitFor();
    expect(await history.locator('tbody tr').first().innerText()).toMatch(/No\s+Recorded by an organiser/);

    await page.getByRole('button', { name: 'Archive member' }).click();
    await page.getByRole('button', { name: 'Yes, archive Kirsty Edited' }).click();
    await page.getByText('Kirsty Edited is archived.').waitFor();
    const archived = await system.db.getRepository(Member).findOneByOrFail({ id: added.id });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.fullName).toBe('Kirsty Edited');
    expect(archived.emailOptIn).toBe(false);

    // Another branch's member by id: the API's refusal, none of their details.
    const duncan = await system.db.getRepository(Member).findOneByOrFail({ email: 'duncan@example.org' });
    await page.goto(`${base}/organise/members/${duncan.id}`);
    await page.getByText('There is no such member in a branch you organise.').waitFor();
    expect(await mainText(page)).not.toContain('duncan@example.org');
    await expectGoodScreen(page);
  });

  it('the skip link reaches the main content by keyboard', async () => {
    const { page } = desk;
    await page.goto(`${base}/organise`);
    await page.getByRole('heading', { level: 1, name: 'Glasgow' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await hasFocus(page, 'a.skip-link')).toBe(true);
    expect(await page.locator('a.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await hasFocus(page, '#main')).toBe(true);
  });

  it('signing out revokes the session: the old cookie no longer works', async () => {
    const { page, context } = desk;
    const [before] = await context.cookies();
    await page.goto(`${base}/organise`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await context.cookies()).toEqual([]);

    // The same cookie, put back by hand, is refused by the API.
    await context.addCookies([before]);
    const me = await apiFrom(page, '{ me { id } }');
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await page.goto(`${base}/organise/members`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectGoodScreen(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

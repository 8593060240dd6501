import type { Browser, Page } from 'playwright-core';
import { Branch } from '@app/branches';
import { Member } from '@app/members';
import { Letter, LetterCampaign } from '@app/letters';
import { Petition, Signature } from '@app/petitions';
import { Pledge } from '@app/pledges';
import { Target } from '@app/targets';
import { createBranch, createMember, createOpenPetition, signIn } from '../factories';
import { createPledgedVenue } from '../factories/pledges';
import { createTarget } from '../factories/targets';
import {
  axeViolations,
  DESKTOP,
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
import { importScotland } from '../support/scotland';
import { TestSystem } from '../support/test-system';

jest.setTimeout(180_000);

describe('the dashboard’s campaign screens (petitions, pledges, letters, home, admin), in a real browser', () => {
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
    await importScotland(system);
    glasgow = await createBranch(system.db, { name: 'Glasgow', slug: 'glasgow', postcodeAreas: ['G'] });
    dundee = await createBranch(system.db, { name: 'Dundee', slug: 'dundee', postcodeAreas: ['DD'] });
    organiser = await createMember(system.db, {
      fullName: 'Morag Organiser',
      email: 'morag.organiser@example.org',
      branchId: glasgow.id,
      roles: [{ role: 'ORGANISER', branchId: glasgow.id }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  function consoleErrors(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (message) => {
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

  const mainText = (page: Page) => page.locator('main').innerText();
  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name, exact: true }).click();

  it('signs the organiser in by the emailed link', async () => {
    desk = await visit(browser, { viewport: DESKTOP });
    const { page } = desk;
    errors = consoleErrors(page);
    await page.goto(`${base}/organise`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText('Check your email.').waitFor();
    const mail = await system.mail.waitFor(organiser.email);
    await page.goto(localLink(mail.text, '/sign-in', base));
    await submitAndWait(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    await page.getByRole('heading', { level: 1, name: 'Glasgow' }).waitFor();
  });

  it('petitions: creates a draft (the API’s error next to the field), opens it, sees it listed', async () => {
    const { page } = desk;
    await nav(page, 'Petitions');
    await page.getByRole('heading', { level: 1, name: 'Petitions of Glasgow' }).waitFor();
    await page.getByText('No petitions yet.').waitFor();
    await expectGoodScreen(page);

    await page.getByLabel('Title').fill('Drug checking for Glasgow');
    await page.getByLabel('Address').fill('Not A Slug!');
    await page.getByLabel('Who it calls on').fill('Glasgow City Council');
    await page.getByLabel('Summary').fill('A drug checking service in the city centre, open every weekend.');
    await page
      .getByLabel('Text')
      .fill('We call on the council to fund a drug checking service in the city centre.');
    await page.getByRole('button', { name: 'Create petition' }).click();
    // The API refuses the address; its words are shown by the field, and nothing is stored.
    const slugError = page.locator('#petition-slug-error');
    await slugError.waitFor();
    expect(await slugError.innerText()).toMatch(/^Error: .*slug/i);
    expect(await page.getByLabel('Address').getAttribute('aria-invalid')).toBe('true');
    expect(await system.db.getRepository(Petition).count()).toBe(0);

    await page.getByLabel('Address').fill('drug-checking-glasgow');
    await page.getByRole('button', { name: 'Create petition' }).click();
    await page.getByRole('heading', { level: 1, name: 'Drug checking for Glasgow' }).waitFor();
    const [created] = await system.db.getRepository(Petition).find();
    expect(created).toMatchObject({ status: 'DRAFT', branchId: glasgow.id, slug: 'drug-checking-glasgow' });
    expect(new URL(page.url()).pathname).toBe(`/organise/petitions/${created.id}`);
    // Only the next step is offered.
    expect(await page.getByRole('button', { name: 'Close petition' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Briefing for MSPs' }).getAttribute('href')).toContain(
      `/organise/petitions/${created.id}/briefing`,
    );
    await expectGoodScreen(page);

    await page.getByRole('button', { name: 'Open petition' }).click();
    await page.getByText('The petition is open.').waitFor();
    await page.getByRole('button', { name: 'Close petition' }).waitFor();
    expect(await page.getByRole('button', { name: 'Open petition' }).count()).toBe(0);
    expect((await system.db.getRepository(Petition).findOneByOrFail({ id: created.id })).status).toBe('OPEN');
    await screenshot(page, 'dashboard-petition');

    await page.getByRole('link', { name: 'All petitions' }).click();
    const row = page.locator('table.responsive tbody tr', { hasText: 'Drug checking for Glasgow' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Open');
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-petitions');
  });

  it('petitions: figures by day and constituency with their tables; the delivery CSV', async () => {
    const { page } = desk;
    const petition = await createOpenPetition(system.db, { title: 'Safe consumption', branchId: glasgow.id });
    // Three confirmed signatures today, one of them yesterday's too; one still waiting (not counted).
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
    for (const [i, at] of [new Date(), new Date(), yesterday].entries()) {
      await system.db.getRepository(Signature).save({
        petitionId: petition.id,
        fullName: `Signer ${i}`,
        email: `signer${i}@example.org`,
        emailCanonical: `signer${i}@example.org`,
        status: 'CONFIRMED',
        confirmedAt: at,
      });
    }
    await system.db.getRepository(Signature).save({
      petitionId: petition.id,
      fullName: 'Waiting',
      email: 'waiting@example.org',
      emailCanonical: 'waiting@example.org',
    });
    await page.goto(`${base}/organise/petitions/${petition.id}`);
    await page.getByRole('heading', { level: 1, name: 'Safe consumption' }).waitFor();
    await page.getByRole('figure', { name: 'Confirmed signatures by day' }).waitFor();
    // The chart says its figures in words; the tables carry each one.
    const byDay = page.getByRole('img', {
      name: /Confirmed signatures by day: 3 in all over 2 days; most 2/,
    });
    await byDay.waitFor();
    const constituencies = page.getByRole('table', { name: 'Signatures by constituency' });
    expect(await constituencies.locator('tbody tr').allInnerTexts()).toEqual([
      'Not placed in a constituency\t3',
    ]);
    await page.getByText('Day and signatures as a table').click();
    const days = page.getByRole('table', { name: 'Confirmed signatures by day' });
    expect((await days.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t')[1])).toEqual(['1', '2']);
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-petition-figures');
    const csv = await page.request.get(`${base}/petitions/${petition.id}/signatures.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('Signer 2');

    // Another branch's petition: the API's refusal, nothing of it shown.
    const theirs = await createOpenPetition(system.db, { title: 'Dundee petition', branchId: dundee.id });
    await page.goto(`${base}/organise/petitions/${theirs.id}`);
    await page.getByRole('alert').waitFor();
    expect(await mainText(page)).not.toContain('Dundee petition');
  });

  it('pledges: the queue, a venue’s details; a reason is required to reject; verified, it is in the public directory', async () => {
    const { page } = desk;
    const { pledge } = await createPledgedVenue(system.db, {
      name: 'The Barrowland Test',
      status: 'SUBMITTED',
      branchId: glasgow.id,
      postcode: 'G4 0TT',
      licenceNumber: 'GL-12345',
    });
    await createPledgedVenue(system.db, { name: 'Dundee Venue', status: 'SUBMITTED', branchId: dundee.id });
    await nav(page, 'Pledges');
    await page.getByRole('heading', { level: 1, name: 'Pledges of Glasgow' }).waitFor();
    await page.getByText('1 pledges, newest first.').waitFor();
    expect(await mainText(page)).not.toContain('Dundee Venue');
    await expectGoodScreen(page);

    await page.getByRole('button', { name: 'Review The Barrowland Test' }).click();
    await page.getByRole('heading', { level: 2, name: 'The Barrowland Test' }).waitFor();
    expect(await mainText(page)).toContain('GL-12345');
    await screenshot(page, 'dashboard-pledges');

    // Rejecting without a reason: the API's words, by the note field; nothing changed.
    await page.getByRole('button', { name: 'Reject' }).click();
    const noteError = page.locator('#pledge-note-error');
    await noteError.waitFor();
    expect(await noteError.innerText()).toBe('Error: Tell the venue why.');
    expect((await system.db.getRepository(Pledge).findOneByOrFail({ id: pledge.id })).status).toBe(
      'SUBMITTED',
    );
    await expectGoodScreen(page);

    // Not in the public directory until verified.
    expect(await (await page.request.get(`${base}/venues?branch=glasgow`)).text()).not.toContain(
      'The Barrowland Test',
    );
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByText('The Barrowland Test is verified: it now appears in the public directory.')
      .waitFor();
    expect((await system.db.getRepository(Pledge).findOneByOrFail({ id: pledge.id })).status).toBe(
      'VERIFIED',
    );
    await page.getByText('No pledges here.').waitFor();

    const directory = page.getByRole('link', { name: 'public directory of venues' });
    expect(await directory.getAttribute('href')).toBe('/venues?branch=glasgow');
    await directory.click();
    await page.getByText('The Barrowland Test').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/venues');
  });

  it('letters: a bad placeholder is refused as it is typed and by the save (the API’s words); fixed, created and opened', async () => {
    const { page } = desk;
    await page.goto(`${base}/organise`);
    await nav(page, 'Letters');
    await page.getByRole('heading', { level: 1, name: 'Letter campaigns of Glasgow' }).waitFor();
    await page.getByText('No letter campaigns yet.').waitFor();
    // The placeholders are listed, from the API.
    await page.getByText('{{supporter.fullName}}', { exact: true }).waitFor();
    await expectGoodScreen(page);

    await page.getByLabel('Title').fill('Write to your MSPs about drug checking');
    await page.getByLabel('Address').fill('glasgow-drug-checking-letters');
    await page.getByLabel('Subject').fill('Drug checking in {{constituency.nmae}}');
    // Checked as it is typed, by the API's rules: the error is by the field before any save.
    const subjectError = page.locator('#new-subject-error');
    await subjectError.waitFor();
    expect(await subjectError.innerText()).toContain('uses an unknown placeholder {{constituency.nmae}}');
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-letters-template');

    // The save refuses it too, with its own words by the same field; nothing is stored.
    const [saved] = await Promise.all([
      page.waitForResponse(
        (r) =>
          r.url().endsWith('/graphql') && r.request().postData()?.includes('createLetterCampaign') === true,
      ),
      page.getByRole('button', { name: 'Create letter campaign' }).click(),
    ]);
    expect(JSON.stringify(await saved.json())).toContain('TEMPLATE_NOT_ACCEPTED');
    expect(await subjectError.innerText()).toContain('unknown placeholder {{constituency.nmae}}');
    expect(await system.db.getRepository(LetterCampaign).count()).toBe(0);

    await page.getByLabel('Subject').fill('Drug checking in {{constituency.name}}');
    await subjectError.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Create letter campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'Write to your MSPs about drug checking' }).waitFor();
    const [created] = await system.db.getRepository(LetterCampaign).find();
    expect(created).toMatchObject({
      status: 'DRAFT',
      branchId: glasgow.id,
      subjectTemplate: 'Drug checking in {{constituency.name}}',
    });
    await expectGoodScreen(page);

    await page.getByRole('button', { name: 'Open letter campaign' }).click();
    await page.getByText('The letter campaign is open.').waitFor();
    await page.getByRole('button', { name: 'Close letter campaign' }).waitFor();
    expect((await system.db.getRepository(LetterCampaign).findOneByOrFail({ id: created.id })).status).toBe(
      'OPEN',
    );

    // A preview for a postcode: the API's error for a bad one by the field, then the letters.
    await page.getByLabel('Postcode', { exact: true }).fill('not a postcode');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#preview-postcode-error').waitFor();
    await page.getByLabel('Postcode', { exact: true }).fill('AB2 1DD');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('8 letters.').waitFor();
    expect(await page.locator('article.preview').first().innerText()).toContain(
      'Subject: Drug checking in Aberdeen Central',
    );
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-letter-campaign');

    await page.getByRole('link', { name: 'All letter campaigns' }).click();
    const row = page.locator('table.responsive tbody tr', {
      hasText: 'Write to your MSPs about drug checking',
    });
    await row.waitFor();
    expect(await row.innerText()).toContain('Open');
  });

  it('letters: figures per recipient', async () => {
    const { page } = desk;
    const [campaign] = await system.db.getRepository(LetterCampaign).find();
    const msp = await createTarget(system.db, { name: 'Ann Example MSP' });
    for (const [i, status] of (['AWAITING_CONFIRMATION', 'SENT', 'SENT', 'FAILED'] as const).entries()) {
      await system.db.getRepository(Letter).save({
        campaignId: campaign.id,
        targetId: msp.id,
        status,
        fullName: `Writer ${i}`,
        email: `writer${i}@example.org`,
        emailCanonical: `writer${i}@example.org`,
        postcode: 'G1 1AA',
        subject: 'Drug checking',
        body: 'Dear Ann, please.',
      });
    }
    await page.goto(`${base}/organise/letters/${campaign.id}`);
    const row = page.locator('table.responsive tbody tr', { hasText: 'Ann Example MSP' });
    await row.waitFor();
    // Organisers see the delivery status; only admins may change it.
    expect(await page.getByLabel('Delivery status for Ann Example MSP').count()).toBe(0);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.slice(0, 4)).toEqual(['4', '3', '2', '1']);
    await expectGoodScreen(page);
  });

  it('home: signatures and letters by day for the branch, as charts with their figures; pledges waiting', async () => {
    const { page } = desk;
    // Another branch's activity is not counted.
    const dundeePetition = await createOpenPetition(system.db, { branchId: dundee.id });
    await system.db.getRepository(Signature).save({
      petitionId: dundeePetition.id,
      fullName: 'Dundee Signer',
      email: 'dundee.signer@example.org',
      emailCanonical: 'dundee.signer@example.org',
      status: 'CONFIRMED',
      confirmedAt: new Date(),
    });
    await page.goto(`${base}/organise`);
    await page.getByRole('heading', { level: 2, name: 'The last four weeks' }).waitFor();
    // 3 confirmed signatures on Glasgow's petitions (2 today), 4 letters written today.
    await page.getByRole('img', { name: /^Signatures by day: 3 in all over 28 days; most 2, / }).waitFor();
    await page
      .getByRole('img', { name: /^Letters written by day: 4 in all over 28 days; most 4, / })
      .waitFor();
    expect(await mainText(page)).toContain('No pledges waiting for verification');
    await page.getByText('Day and letters as a table').click();
    const letters = page.getByRole('table', { name: 'Letters written by day' });
    expect(await letters.locator('tbody tr').count()).toBe(28);
    expect(await letters.locator('tfoot').innerText()).toMatch(/Total\s+4/);
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-home-charts');
  });

  it('admin: an organiser is told it is for admins, and the API refuses its data', async () => {
    const { page } = desk;
    expect(
      await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Admin' }).count(),
    ).toBe(0);
    await page.goto(`${base}/organise/admin`);
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    await page.getByText('This screen is for admins only.').waitFor();
    expect(await page.locator('table').count()).toBe(0);
    await expectGoodScreen(page);
    // The API itself, with the organiser's cookie.
    for (const query of ['{ auditLog { totalCount } }', '{ targets { totalCount } }']) {
      const res = await page.request.post(`${base}/graphql`, {
        headers: { 'Content-Type': 'application/json' },
        data: { query },
      });
      const body = (await res.json()) as {
        data?: unknown;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(body.data ?? null).toBeNull();
    }
  });

  it('admin: branches, targets and the audit log with filters; on a 360 px phone', async () => {
    const admin = await createMember(system.db, {
      fullName: 'Isla Admin',
      email: 'isla.admin@example.org',
      roles: [{ role: 'ADMIN' }],
    });
    const phone = await visit(browser, { viewport: PHONE });
    await phone.context.addCookies([{ name: 'crm_session', value: await signIn(system, admin), url: base }]);
    const { page } = phone;
    const phoneErrors = consoleErrors(page);
    await page.goto(`${base}/organise`);
    await nav(page, 'Admin');
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    const branches = page.getByRole('table', { name: 'Branches, by name' });
    await branches.waitFor();
    expect(await branches.locator('tbody th').allInnerTexts()).toEqual(['Dundee', 'Glasgow']);
    await page.getByText('Ann Example MSP').waitFor();
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-admin-phone');

    // A bad branch address: the API's words by the field; nothing stored.
    await page.getByLabel('Branch name').fill('West Lothian');
    await page.getByLabel('Branch address').fill('West Lothian');
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page.locator('#branch-slug-error').waitFor();
    expect(await system.db.getRepository(Branch).count()).toBe(2);
    await page.getByLabel('Branch address').fill('west-lothian');
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page.getByText('Branch West Lothian created.').waitFor();
    await branches.locator('tbody th', { hasText: 'West Lothian' }).waitFor();

    // The audit log: the organiser's delivery CSV, found by its action and its branch.
    await page.getByLabel('Action').fill('petition.export');
    await page.getByLabel('Branch concerned').selectOption({ label: 'Glasgow' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('1 events.').waitFor();
    expect(await page.getByRole('table', { name: 'Audit log, newest first' }).innerText()).toContain(
      organiser.id,
    );
    await page.getByLabel('Branch concerned').selectOption({ label: 'Dundee' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('Nothing recorded matches.').waitFor();
    await expectGoodScreen(page);

    // Every campaign screen on the phone: a readable list, no sideways scroll, no violations.
    const [petition] = await system.db.getRepository(Petition).find({ where: { branchId: glasgow.id } });
    const [campaign] = await system.db
      .getRepository(LetterCampaign)
      .find({ where: { branchId: glasgow.id } });
    for (const [path, heading, shot] of [
      ['/petitions', 'Petitions of Glasgow', 'dashboard-petitions-phone'],
      [`/petitions/${petition.id}`, petition.title, 'dashboard-petition-phone'],
      ['/letters', 'Letter campaigns of Glasgow', 'dashboard-letters-phone'],
      [`/letters/${campaign.id}`, campaign.title, 'dashboard-letter-campaign-phone'],
      ['/pledges', 'Pledges of Glasgow', 'dashboard-pledges-phone'],
      ['/', 'Glasgow', 'dashboard-home-phone'],
    ]) {
      await page.goto(`${base}/organise${path}?branch=${glasgow.id}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.locator('main table, main figure, main .count').first().waitFor();
      // No sideways scroll on any; axe (run on each at desktop size above) again on the fullest.
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      if (path.includes('/petitions/') || path.includes('/letters/')) {
        expect(await axeViolations(page)).toEqual([]);
      }
      await screenshot(page, shot);
    }

    // Admins set a recipient's delivery status from the campaign's figures (organisers only see it).
    await page.goto(`${base}/organise/letters/${campaign.id}?branch=${glasgow.id}`);
    await page.getByLabel('Delivery status for Ann Example MSP').selectOption('BLOCKED');
    await page.getByText('Saved: Blocked.').waitFor();
    expect(
      (await system.db.getRepository(Target).findOneByOrFail({ name: 'Ann Example MSP' })).deliveryStatus,
    ).toBe('BLOCKED');
    expect(phoneErrors).toEqual([]);
    await phone.context.close();
  });

  it('no errors in the console', () => {
    expect(errors).toEqual([]);
  });
});

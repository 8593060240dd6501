import type { Browser } from 'playwright-core';
import { generateToken, hashToken } from '@app/core';
import { Letter, LetterQuestionnaire } from '@app/letters';
import { Target } from '@app/targets';
import { createBranch, createMember, createOpenPetition } from '../factories';
import { createOpenLetterCampaign } from '../factories/letters';
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
} from '../support/browser';
import { importScotland } from '../support/scotland';
import { TestSystem } from '../support/test-system';

jest.setTimeout(120_000);

/**
 * The advocacy screens in a real browser: the questionnaire (without JavaScript, on a phone), the
 * public scorecard, and the organisers' printable petition briefing; axe (WCAG 2.2 AA) on each.
 */
describe('advocacy pages in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let slug: string;
  let petitionId: string;
  let organiserEmail: string;
  const token = generateToken();

  beforeAll(async () => {
    system = await TestSystem.start({ env: { CAMPAIGN_NAME: 'Safer Scotland' } });
    base = await listen(system);
    browser = await launchBrowser();
    await importScotland(system);
    const branch = await createBranch(system.db, { name: 'Aberdeen', postcodeAreas: ['AB'] });
    organiserEmail = (await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }))
      .email;
    const campaign = await createOpenLetterCampaign(system.db, {
      branchId: branch.id,
      title: 'Back drug checking',
    });
    slug = campaign.slug;
    petitionId = (await createOpenPetition(system.db, { branchId: branch.id })).id;
    // Two letters sent by one supporter, and the questionnaire that asks about them.
    const questionnaire = await system.db
      .getRepository(LetterQuestionnaire)
      .save({ campaignId: campaign.id, tokenHash: hashToken(token) });
    const targets = await system.db
      .getRepository(Target)
      .find({ where: { regionCode: 'S17000014' }, take: 2 });
    await system.db.getRepository(Letter).insert(
      targets.map((t) => ({
        campaignId: campaign.id,
        targetId: t.id,
        fullName: 'Pat Writer',
        email: 'pat@example.org',
        emailCanonical: 'pat@example.org',
        postcode: 'AB2 1DD',
        subject: 'Drug checking',
        body: 'Please back drug checking.',
        status: 'SENT' as const,
        sentAt: new Date(),
        questionnaireId: questionnaire.id,
      })),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('the questionnaire works without JavaScript on a phone: errors first, then the answers recorded', async () => {
    const { page, context } = await visit(browser, { javaScript: false, viewport: PHONE });
    await page.goto(`${base}/letters/questionnaire?token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Did you get a reply?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await system.db.getRepository(Letter).count()).toBe(2);

    await submitAndWait(page, () => page.getByRole('button', { name: 'Send my answers' }).click());
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-errors');

    const first = page.getByRole('group', { name: /reply\?$/ }).first();
    await first.getByLabel('Yes').check();
    await page
      .getByRole('group', { name: 'If they replied: what did they say?' })
      .first()
      .getByLabel('They support the campaign')
      .check();
    await submitAndWait(page, () => page.getByRole('button', { name: 'Send my answers' }).click());
    await page.getByRole('heading', { level: 1, name: 'Thank you for telling us' }).waitFor();
    expect(await system.db.query('SELECT replied, stance FROM letter_answer')).toEqual([
      { replied: 'YES', stance: 'SUPPORTIVE' },
    ]);
    await context.close();
  });

  it('the scorecard is a table, sortable by links, accessible at 360 px', async () => {
    const { page, context } = await visit(browser, { javaScript: false, viewport: PHONE });
    await page.goto(`${base}/write/${slug}/scorecard`);
    await page.getByRole('heading', { level: 1, name: /Who replied/ }).waitFor();
    expect(await page.locator('tbody th[scope="row"]').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Sort by reply rate' }).click();
    expect(new URL(page.url()).search).toBe('?sort=rate&dir=desc');
    expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);
    expect(await page.content()).not.toContain('Pat Writer');
    await screenshot(page, 'scorecard-phone');
    await context.close();
  });

  it('the petition briefing screen: one sheet per MSP, and only the sheets when printed', async () => {
    const { page, context } = await visit(browser, { viewport: DESKTOP });
    await page.goto(`${base}/organise`);
    await page.getByLabel('Email address').fill(organiserEmail);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText('Check your email.').waitFor();
    await page.goto(localLink((await system.mail.waitFor(organiserEmail)).text, '/sign-in', base));
    await submitAndWait(page, () => page.getByRole('button', { name: 'Sign in' }).click());

    await page.goto(`${base}/organise/petitions/${petitionId}/briefing`);
    await page.getByRole('heading', { level: 1, name: /Briefing for MSPs: / }).waitFor();
    const sheets = page.locator('.briefing-sheet');
    expect(await sheets.count()).toBe(129);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Send the briefing' }).isVisible()).toBe(false);
    expect(await sheets.first().evaluate((el) => getComputedStyle(el).breakAfter)).toBe('page');
    await context.close();
  });
});

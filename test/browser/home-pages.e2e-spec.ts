import type { Browser } from 'playwright-core';
import { Branch } from '@app/branches';
import { CampaignEvent } from '@app/events';
import { LetterCampaign } from '@app/letters';
import { Petition } from '@app/petitions';
import { createBranch, createOpenPetition } from '../factories';
import { createEvent, daysAhead } from '../factories/events';
import { createOpenLetterCampaign } from '../factories/letters';
import {
  axeViolations,
  budget,
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  listen,
  PHONE,
  screenshot,
  submitAndWait,
  tabTo,
  visit,
} from '../support/browser';
import { TestSystem } from '../support/test-system';

jest.setTimeout(180_000);

describe('home and branch pages in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let dundee: Branch;
  let glasgow: Branch;
  /** What the pages must show. */
  let shown: {
    petition: Petition;
    national: Petition;
    letter: LetterCampaign;
    event: CampaignEvent;
    glasgowEvent: CampaignEvent;
  };
  /** What they must never show. */
  let hidden: Array<{ title: string }>;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { CAMPAIGN_NAME: 'Safer Scotland' } });
    base = await listen(system);
    browser = await launchBrowser();
    dundee = await createBranch(system.db, {
      slug: 'dundee',
      name: 'Dundee',
      postcodeAreas: ['DD'],
      contactEmail: 'dundee@campaign.test',
    });
    glasgow = await createBranch(system.db, { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'] });
    shown = {
      petition: await createOpenPetition(system.db, {
        branchId: dundee.id,
        title: 'Safe consumption rooms in Dundee',
      }),
      national: await createOpenPetition(system.db, { title: 'Drug checking in every city' }),
      letter: await createOpenLetterCampaign(system.db, {
        branchId: dundee.id,
        title: 'Tell your MSPs: fund naloxone',
      }),
      event: await createEvent(system.db, {
        branchId: dundee.id,
        title: 'Naloxone training in Dundee',
        startsAt: daysAhead(3),
      }),
      glasgowEvent: await createEvent(system.db, {
        branchId: glasgow.id,
        title: 'Glasgow harm reduction stall',
        kind: 'STALL',
        trainingKind: null,
        isTraining: false,
        certificateValidMonths: null,
        locationName: 'Buchanan Street',
        locationAddress: 'Glasgow',
        locationPostcode: 'G1 2FF',
        startsAt: daysAhead(4),
      }),
    };
    hidden = [
      await createOpenPetition(system.db, {
        branchId: dundee.id,
        title: 'A draft petition',
        status: 'DRAFT',
      }),
      await createOpenPetition(system.db, {
        branchId: dundee.id,
        title: 'A closed petition',
        status: 'CLOSED',
      }),
      await createOpenLetterCampaign(system.db, {
        branchId: dundee.id,
        title: 'A draft letter',
        status: 'DRAFT',
        openedAt: null,
      }),
      await createOpenLetterCampaign(system.db, {
        branchId: dundee.id,
        title: 'A closed letter',
        status: 'CLOSED',
      }),
      await createEvent(system.db, {
        branchId: dundee.id,
        title: 'A draft event',
        status: 'DRAFT',
        startsAt: daysAhead(2),
      }),
      await createEvent(system.db, {
        branchId: dundee.id,
        title: 'A cancelled event',
        status: 'CANCELLED',
        startsAt: daysAhead(2),
      }),
      await createEvent(system.db, { branchId: dundee.id, title: 'A past event', startsAt: daysAhead(-3) }),
    ];
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])(
    'the home page lists what is open, and leads to a branch by keyboard: %s, at 360 px',
    async (_label, javaScript) => {
      // Screenshots from the JavaScript run only: without it the pages look the same.
      const snap = async (name: string) => (javaScript ? screenshot(page, name) : undefined);
      const { page, context, requests, responses } = await visit(browser, { javaScript, viewport: PHONE });

      await page.goto(`${base}/`);
      expect(await page.title()).toBe('Home – Safer Scotland');
      const home = await page.locator('main').innerText();
      for (const title of [
        shown.petition.title,
        shown.national.title,
        shown.letter.title,
        shown.event.title,
        shown.glasgowEvent.title,
      ]) {
        expect(home).toContain(title);
      }
      for (const { title } of hidden) {
        expect(home).not.toContain(title);
      }
      expect(home).toContain('0 signatures');
      expect(await page.locator(`#home-letters a[href="/write/${shown.letter.slug}"]`).count()).toBe(1);
      expect(await page.locator('#home-events').innerText()).toContain('Run by Dundee');
      expect(await page.locator('#home-branches').innerText()).toContain('Glasgow');
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await snap('home-phone');

      await tabTo(page, '#home-branches a[href="/branches/dundee"]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/branches/dundee`);
      expect(await page.title()).toBe('Dundee – Safer Scotland');
      expect(await page.locator('header').innerText()).toContain('Dundee');
      const branch = await page.locator('main').innerText();
      for (const title of [shown.petition.title, shown.letter.title, shown.event.title]) {
        expect(branch).toContain(title);
      }
      for (const title of [shown.national.title, shown.glasgowEvent.title, ...hidden.map((h) => h.title)]) {
        expect(branch).not.toContain(title);
      }
      expect(branch).toContain('Covers DD.');
      expect(await page.locator('main a[href="mailto:dundee@campaign.test"]').count()).toBe(1);
      expect(await page.locator('main a[href="/branches/dundee/events.ics"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await snap('branch-phone');

      // On to the branch's events, by keyboard.
      await tabTo(page, 'main a[href="/events?branch=dundee"]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.inputValue('#f-branch')).toBe('dundee');
      expect(await page.locator('main').innerText()).toContain(shown.event.title);

      expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      const sizes = await budget(responses, base);
      expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
      expect(sizes.total).toBeLessThanOrEqual(120 * 1024 * 3);
      if (!javaScript) {
        expect(sizes.js).toBe(0);
      }
      await context.close();
    },
  );

  it('at desktop width, within budget', async () => {
    const { page, context, responses } = await visit(browser, { viewport: DESKTOP });
    await page.goto(`${base}/`);
    await page.waitForLoadState('networkidle');
    const sizes = await budget(responses, base);
    expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
    expect(sizes.total).toBeLessThanOrEqual(120 * 1024);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-desktop');
    await page.goto(`${base}/branches/glasgow`);
    const branch = await page.locator('main').innerText();
    expect(branch).toContain(shown.glasgowEvent.title);
    expect(branch).not.toContain(shown.event.title);
    expect(branch).toContain('Nothing here just now.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'branch-desktop');
    await context.close();
  });

  it('an unknown branch is a 404 page; the pages set no cookie and carry no inline script or style', async () => {
    const missing = await system.http().get('/branches/atlantis').set('Accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
    for (const path of ['/', '/branches/dundee']) {
      const res = await system.http().get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)/);
      expect(res.text).not.toMatch(/<style|\sstyle="|\son[a-z]+="/i);
    }
  });
});

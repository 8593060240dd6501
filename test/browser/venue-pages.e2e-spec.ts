import type { Browser, Page } from 'playwright-core';
import { Member } from '@app/members';
import { Pledge, Venue } from '@app/pledges';
import { createBranch, createMember } from '../factories';
import { createPledgedVenue } from '../factories/pledges';
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
  socialMeta,
  submitAndWait,
  tabTo,
  visit,
} from '../support/browser';
import { PUBLIC_URL, TestSystem } from '../support/test-system';

jest.setTimeout(180_000);

/** What the Content-Security-Policy forbids: inline scripts, style blocks and attributes, handlers. */
const INLINE_CODE = /<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=/i;

/** The names in the directory's table, top to bottom. */
const listedNames = (page: Page): Promise<string[]> =>
  page.locator('table.venues tbody th[scope=row] a').allInnerTexts();

describe('venue directory and pledge pages in a real browser', () => {
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

  /**
   * Checks every page should pass: axe, nothing the CSP would block and (unless it was measured on
   * the same page already) nothing scrolling sideways.
   */
  async function pageChecks(page: Page, options: { overflow?: boolean } = {}): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    if (options.overflow ?? true) {
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
    expect(await page.content()).not.toMatch(INLINE_CODE);
  }

  it.each([
    ['without JavaScript', false, 'G1'],
    ['with JavaScript', true, 'G2'],
  ])(
    'pledge → check email → confirm → SUBMITTED and the branch’s organisers emailed, %s, by keyboard',
    async (_label, javaScript, district) => {
      const branch = await createBranch(system.db, {
        name: `Glasgow ${district}`,
        postcodeAreas: [district],
      });
      const organiser = await createMember(system.db, {
        roles: [{ role: 'ORGANISER', branchId: branch.id }],
      });
      const suffix = javaScript ? 'js' : 'nojs';
      const venueName = `The Keyboard Club ${suffix}`;
      const email = `owner-${suffix}@venue.example.org`;
      const { page, context, requests, responses } = await visit(browser, { javaScript, viewport: PHONE });

      await page.goto(`${base}/pledge`);
      expect(await page.title()).toBe('Pledge harm reduction at your venue – Safer Scotland');
      expect(await socialMeta(page)).toEqual({
        'og:title': 'Pledge harm reduction at your venue',
        'og:description': expect.stringMatching(/./) as unknown,
        'og:url': `${PUBLIC_URL}/pledge`,
        'twitter:card': 'summary',
      });
      await pageChecks(page, { overflow: javaScript }); // the same HTML with and without JavaScript
      await screenshot(page, `pledge-phone${javaScript ? '' : '-nojs'}`);

      // Fill everything by keyboard, with a bad postcode.
      await tabTo(page, '#f-name');
      await page.keyboard.type(venueName);
      await page.keyboard.press('Tab'); // the kinds: the first radio
      expect(await hasFocus(page, '#f-kind')).toBe(true);
      await page.keyboard.press('ArrowDown'); // Bar
      await page.keyboard.press('ArrowDown'); // Live music venue
      await page.keyboard.press('Tab');
      await page.keyboard.type('22 Jamaica Street, Glasgow');
      await page.keyboard.press('Tab');
      await page.keyboard.type('XYZ 123');
      await page.keyboard.press('Tab');
      await page.keyboard.type('https://keyboard.example.org');
      await page.keyboard.press('Tab');
      await page.keyboard.type('GLA-1234');
      await tabTo(page, '#f-commitments'); // the first: a welfare space
      await page.keyboard.press('Space');
      await tabTo(page, '#f-commitments-free-water');
      await page.keyboard.press('Space');
      await tabTo(page, '#f-notes');
      await page.keyboard.type('Six staff trained in overdose response in October.');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Morven Owner');
      await page.keyboard.press('Tab');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      await page.keyboard.type('general manager');
      await submitAndWait(page, () => page.keyboard.press('Enter'));

      // The error summary, "Error: " in the title, and every other value kept, ticks included.
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.error-summary').innerText()).toContain('postcode must be a UK postcode');
      expect(await hasFocus(page, '.error-summary')).toBe(true);
      expect(await page.getAttribute('.error-summary a', 'href')).toBe('#f-postcode');
      expect(await page.inputValue('#f-name')).toBe(venueName);
      expect(await page.isChecked('#f-kind-LIVE_MUSIC')).toBe(true);
      expect(await page.inputValue('#f-address')).toBe('22 Jamaica Street, Glasgow');
      expect(await page.inputValue('#f-postcode')).toBe('XYZ 123');
      expect(await page.inputValue('#f-website')).toBe('https://keyboard.example.org');
      expect(await page.inputValue('#f-licenceNumber')).toBe('GLA-1234');
      expect(await page.isChecked('#f-commitments')).toBe(true);
      expect(await page.isChecked('#f-commitments-free-water')).toBe(true);
      expect(await page.isChecked('#f-commitments-naloxone-on-site')).toBe(false);
      expect(await page.inputValue('#f-notes')).toBe('Six staff trained in overdose response in October.');
      expect(await page.inputValue('#f-fullName')).toBe('Morven Owner');
      expect(await page.inputValue('#f-email')).toBe(email);
      expect(await page.inputValue('#f-role')).toBe('general manager');
      await pageChecks(page, { overflow: javaScript });
      await screenshot(page, `pledge-error-phone${javaScript ? '' : '-nojs'}`);
      expect(await system.db.getRepository(Venue).countBy({ name: venueName })).toBe(0);

      // Fix the postcode by keyboard and send.
      await tabTo(page, '#f-postcode');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(`${district.toLowerCase()} 4qd`);
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/pledge/check-email`);
      expect(await page.locator('h1').innerText()).toContain('Check your email');
      await pageChecks(page, { overflow: javaScript });
      await screenshot(page, `pledge-check-email-phone${javaScript ? '' : '-nojs'}`);

      // The emailed link: a GET shows the button, the POST confirms.
      const mail = await system.mail.waitFor(email);
      expect(mail.subject).toBe(`Please confirm the harm-reduction pledge for ${venueName}`);
      await page.goto(localLink(mail.text, '/pledges/confirm', base));
      expect(await page.locator('h1').innerText()).toBe('Confirm your venue’s pledge');
      expect(await page.locator('header').count()).toBe(1); // in the site's layout
      await pageChecks(page, { overflow: javaScript });
      await screenshot(page, `pledge-confirm-phone${javaScript ? '' : '-nojs'}`);
      expect(
        (await system.db.getRepository(Pledge).findOneOrFail({ where: { venue: { name: venueName } } }))
          .status,
      ).toBe('AWAITING_CONFIRMATION');
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('Thank you');
      expect(await page.locator('main').innerText()).toContain(
        `Your pledge for ${venueName} is with the local branch. We will email you when it is verified.`,
      );
      expect(await page.locator('main a[href="/venues"]').count()).toBeGreaterThan(0);
      await pageChecks(page, { overflow: javaScript });
      await screenshot(page, `pledge-thanks-phone${javaScript ? '' : '-nojs'}`);

      // What arrived: the pledge is SUBMITTED with what was typed, and the branch's organisers are told.
      const pledge = await system.db
        .getRepository(Pledge)
        .findOneOrFail({ where: { venue: { name: venueName } }, relations: { venue: true } });
      expect(pledge.status).toBe('SUBMITTED');
      expect(pledge.commitments).toEqual(['free-water', 'welfare-space']);
      expect(pledge.notes).toBe('Six staff trained in overdose response in October.');
      expect(pledge.venue).toMatchObject({
        kind: 'LIVE_MUSIC',
        address: '22 Jamaica Street, Glasgow',
        postcode: `${district} 4QD`,
        postcodeDistrict: district,
        website: 'https://keyboard.example.org',
        licenceNumber: 'GLA-1234',
        publicEmail: null,
        branchId: branch.id,
        ownerRole: 'general manager',
      });
      const owner = await system.db.getRepository(Member).findOneByOrFail({ id: pledge.venue!.ownerId });
      expect(owner).toMatchObject({ email, fullName: 'Morven Owner', emailOptIn: false });
      const toVerify = await system.mail.waitFor(organiser.email);
      expect(toVerify.subject).toBe(`A venue pledge to verify: ${venueName}`);

      // Privacy and budgets: nothing from elsewhere, no cookies, small pages.
      expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      const sizes = await budget(responses, base);
      expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
      expect(sizes.total).toBeLessThanOrEqual(120 * 1024 * 5); // five pages were loaded here
      if (!javaScript) {
        expect(sizes.js).toBe(0);
      }
      await context.close();
    },
    // The longest flow here: five pages, each checked with axe, on a machine shared by many.
    360_000,
  );

  describe('the directory', () => {
    let festival: Awaited<ReturnType<typeof createPledgedVenue>>;
    let absent: Array<Awaited<ReturnType<typeof createPledgedVenue>>>;

    beforeAll(async () => {
      const dundee = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
      const edinburgh = await createBranch(system.db, {
        slug: 'edinburgh',
        name: 'Edinburgh',
        postcodeAreas: ['EH'],
      });
      const inDundee = { branchId: dundee.id, postcode: 'DD1 4HN' };
      const inEdinburgh = { branchId: edinburgh.id, postcode: 'EH1 1AA' };
      await createPledgedVenue(system.db, {
        ...inDundee,
        name: 'Fat Sams Club',
        kind: 'CLUB',
        commitments: ['welfare-space', 'naloxone-on-site'],
      });
      await createPledgedVenue(system.db, {
        ...inEdinburgh,
        name: 'Sneaky Bar',
        kind: 'BAR',
        commitments: ['free-water'],
      });
      festival = await createPledgedVenue(system.db, {
        ...inEdinburgh,
        name: 'Meadows Festival',
        kind: 'FESTIVAL',
        commitments: ['naloxone-on-site', 'free-water', 'welfare-first'],
        address: '1 Melville Drive, Edinburgh',
        postcode: 'EH9 1LZ',
        website: 'https://meadows.example.org',
        licenceNumber: 'EDI-SECRET-77',
        publicEmail: 'hello@meadows.example.org',
        notes: 'Private note for the branch about our welfare tent.',
        ownerRole: 'festival director',
        owner: { fullName: 'Ailsa Hiddenname', email: 'ailsa.hidden@example.org' },
      });
      absent = await Promise.all([
        createPledgedVenue(system.db, {
          ...inEdinburgh,
          name: 'Awaiting Club',
          status: 'AWAITING_CONFIRMATION',
        }),
        createPledgedVenue(system.db, { ...inEdinburgh, name: 'Submitted Club', status: 'SUBMITTED' }),
        createPledgedVenue(system.db, { ...inEdinburgh, name: 'Changes Club', status: 'CHANGES_REQUESTED' }),
        createPledgedVenue(system.db, { ...inEdinburgh, name: 'Rejected Club', status: 'REJECTED' }),
        createPledgedVenue(system.db, { ...inEdinburgh, name: 'Lapsed Club', status: 'LAPSED' }),
        createPledgedVenue(system.db, {
          ...inEdinburgh,
          name: 'Expired Club',
          expiresAt: new Date(Date.now() - 60_000),
        }),
      ]);
    });

    it('lists only verified, current pledges; its filters work without JavaScript, by keyboard', async () => {
      const { page, context, requests } = await visit(browser, { javaScript: false, viewport: PHONE });

      await page.goto(`${base}/venues`);
      expect(await page.title()).toBe('Venues that have pledged harm reduction – Safer Scotland');
      const all = await listedNames(page);
      expect(all).toEqual(expect.arrayContaining(['Fat Sams Club', 'Sneaky Bar', 'Meadows Festival']));
      for (const { venue } of absent) {
        expect(all).not.toContain(venue.name);
      }
      expect(await page.locator('main').innerText()).not.toMatch(
        /Awaiting|Submitted|Changes|Rejected|Lapsed|Expired/,
      );
      await pageChecks(page);
      // The table itself fits a phone too (it does not scroll inside its box).
      const table = (await page.locator('table.venues').boundingBox())!;
      expect(table.width).toBeLessThanOrEqual((await page.locator('.table-wrap').boundingBox())!.width);
      await screenshot(page, 'venues-phone');

      // Filter by branch with the keyboard alone: the GET form works without JavaScript.
      await tabTo(page, '#f-branch');
      await page.keyboard.press('ArrowDown'); // Dundee (branches are in name order)
      await page.keyboard.press('ArrowDown'); // Edinburgh
      expect(await page.inputValue('#f-branch')).toBe('edinburgh');
      await tabTo(page, '.filters button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/venues?branch=edinburgh&commitment=&kind=`);
      expect((await listedNames(page)).sort()).toEqual(['Meadows Festival', 'Sneaky Bar']);
      expect(await page.inputValue('#f-branch')).toBe('edinburgh');
      expect(await page.locator('main h2#results-title').innerText()).toBe('2 venues match these filters');
      await pageChecks(page);

      // And by kind, and by commitment.
      await page.selectOption('#f-kind', 'FESTIVAL');
      await submitAndWait(page, () => page.click('.filters button[type=submit]'));
      expect(await listedNames(page)).toEqual(['Meadows Festival']);
      await page.goto(`${base}/venues?commitment=naloxone-on-site`);
      expect((await listedNames(page)).sort()).toEqual(['Fat Sams Club', 'Meadows Festival']);
      expect(await page.inputValue('#f-commitment')).toBe('naloxone-on-site');
      await page.goto(`${base}/venues?branch=dundee&commitment=free-water`);
      expect(await listedNames(page)).toEqual([]);
      expect(await page.locator('main').innerText()).toContain(
        'No venue with a verified pledge matches these filters yet.',
      );
      await pageChecks(page);

      // A value no form offers: the error summary, not a crash.
      const bad = await page.goto(`${base}/venues?kind=CASINO`);
      expect(bad?.status()).toBe(400);
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#f-kind');
      await pageChecks(page);
      expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      await context.close();
    }, 300_000);

    it('a venue’s page shows its pledge and nothing about its people; unlisted venues have no page', async () => {
      const { page, context, requests } = await visit(browser, { javaScript: false, viewport: PHONE });
      // A venue's page: name, kind, area, commitments and "verified until", nothing about its people.
      await page.goto(`${base}/venues?branch=edinburgh`);
      await submitAndWait(page, () => page.click('text=Meadows Festival'));
      expect(page.url()).toBe(`${base}/venues/${festival.venue.id}`);
      expect(await page.title()).toBe('Meadows Festival – Safer Scotland');
      expect(await page.locator('header').innerText()).toContain('Edinburgh');
      const main = await page.locator('main').innerText();
      for (const text of [
        'Festival',
        'EH9',
        'Naloxone kept on site',
        'Free drinking water',
        'Welfare first',
        'Verified until',
      ]) {
        expect(main).toContain(text);
      }
      expect(main).toContain(
        festival.pledge.expiresAt!.toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'Europe/London',
        }),
      );
      const html = await page.content();
      for (const secret of [
        'Ailsa',
        'Hiddenname',
        'ailsa.hidden@example.org',
        'festival director',
        '1 Melville Drive',
        'EH9 1LZ',
        'EDI-SECRET-77',
        'hello@meadows.example.org',
        'meadows.example.org',
        'Private note',
        festival.owner.id,
      ]) {
        expect(html).not.toContain(secret);
      }
      await pageChecks(page);
      await screenshot(page, 'venue-phone');

      // Venues not listed have no page: the same 404 whatever their state.
      for (const { venue } of absent) {
        const res = await system.http().get(`/venues/${venue.id}`).set('Accept', 'text/html');
        expect(res.status).toBe(404);
        expect(res.text).not.toContain(venue.name);
      }
      const missing = await page.goto(`${base}/venues/not-a-venue`);
      expect(missing?.status()).toBe(404);
      expect(await page.locator('h1').innerText()).toContain('Page not found');

      expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      await context.close();
    });
  });

  it('pages through a long directory, twenty at a time, without repeats', async () => {
    const perth = await createBranch(system.db, { slug: 'perth', name: 'Perth', postcodeAreas: ['PH'] });
    const names: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const name = `Perth Venue ${String(i).padStart(2, '0')}`;
      names.push(name);
      await createPledgedVenue(system.db, {
        name,
        branchId: perth.id,
        postcode: 'PH1 5AA',
        verifiedAt: new Date(Date.now() - (i + 1) * 60_000),
      });
    }
    const { page, context } = await visit(browser, { javaScript: false, viewport: PHONE });
    await page.goto(`${base}/venues?branch=perth`);
    const first = await listedNames(page);
    expect(first).toHaveLength(20);
    expect(await page.locator('.pager a[rel=next]').count()).toBe(1);
    expect(await page.locator('main h2#results-title').innerText()).toBe('23 venues match these filters');
    await tabTo(page, '.pager a[rel=next]');
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toContain('branch=perth');
    const second = await listedNames(page);
    expect(second).toHaveLength(3);
    expect([...first, ...second]).toEqual(names); // newest verified first
    expect(await page.locator('.pager a[rel=next]').count()).toBe(0);
    expect(await page.locator('.pager a', { hasText: 'First page' }).getAttribute('href')).toBe(
      '/venues?branch=perth',
    );
    await pageChecks(page);

    // A mangled "next page" link starts again from the first page.
    const mangled = await page.goto(`${base}/venues?branch=perth&after=not-a-cursor`);
    expect(mangled?.status()).toBe(200);
    expect(await listedNames(page)).toEqual(first);
    await context.close();
  });

  it('desktop: every page within budget (30 kB of compressed JavaScript, 120 kB in all), and screenshots', async () => {
    const branch = await createBranch(system.db, { name: 'Inverness', postcodeAreas: ['IV'] });
    const { venue } = await createPledgedVenue(system.db, {
      branchId: branch.id,
      postcode: 'IV1 1AA',
      name: 'Highland Rooms',
    });
    const { page, context } = await visit(browser, { viewport: DESKTOP });

    const pages: Array<[string, string]> = [
      ['/venues', 'venues-desktop'],
      [`/venues/${venue.id}`, 'venue-desktop'],
      ['/pledge', 'pledge-desktop'],
      ['/pledge/check-email', 'pledge-check-email-desktop'],
      ['/pledges/confirm?token=an-example-token', 'pledge-confirm-desktop'],
    ];
    for (const [path, name] of pages) {
      const { page: fresh, context: own, responses } = await visit(browser, { viewport: DESKTOP });
      await fresh.goto(`${base}${path}`);
      await fresh.waitForLoadState('networkidle');
      // Response bodies are measured as they arrive: wait for the script's.
      await system.eventually(async () => responses.some((r) => r.type.includes('javascript')));
      const sizes = await budget(responses, base);
      expect(sizes.js).toBeGreaterThan(0);
      expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
      expect(sizes.total).toBeLessThanOrEqual(120 * 1024);
      expect(await axeViolations(fresh)).toEqual([]);
      await screenshot(fresh, name);
      await own.close();
    }

    // The error page and the confirmation, by mouse this time.
    await page.goto(`${base}/pledge`);
    await page.fill('#f-name', 'Highland Desk');
    await page.check('#f-kind-BAR');
    await page.fill('#f-address', '5 Castle Street, Inverness');
    await page.fill('#f-postcode', 'IV1');
    await page.check('#f-commitments-naloxone-on-site');
    await page.fill('#f-fullName', 'Desk Owner');
    await page.fill('#f-email', 'desk@venue.example.org');
    await submitAndWait(page, () => page.click('main form button[type=submit]'));
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('postcode must be a UK postcode');
    expect(
      await page.locator('.error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['#f-postcode', '#f-role']);
    expect(await page.isChecked('#f-commitments-naloxone-on-site')).toBe(true);
    expect(await page.isChecked('#f-kind-BAR')).toBe(true);
    await screenshot(page, 'pledge-error-desktop');
    await page.fill('#f-postcode', 'IV1 1AA');
    await page.fill('#f-role', 'owner');
    await submitAndWait(page, () => page.click('main form button[type=submit]'));
    expect(page.url()).toBe(`${base}/pledge/check-email`);
    const mail = await system.mail.waitFor('desk@venue.example.org');
    await page.goto(localLink(mail.text, '/pledges/confirm', base));
    await submitAndWait(page, () => page.click('main button[type=submit]'));
    expect(await page.locator('h1').innerText()).toBe('Thank you');
    await screenshot(page, 'pledge-thanks-desktop');
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 300_000);

  it('the form answers the same for a known owner and a new one (no enumeration), with no cookie', async () => {
    const known = await createMember(system.db, { email: 'known-owner@venue.example.org' });
    const form = (email: string) =>
      `name=Same+Answer+Bar&kind=BAR&address=1+Some+Street&postcode=EH1+1AA&fullName=Some+Owner&email=${encodeURIComponent(email)}` +
      '&role=owner&commitments=free-water&commitments=welfare-space&notes=';
    const fresh = await system.http().post('/pledge').type('form').send(form('new-owner@venue.example.org'));
    const again = await system.http().post('/pledge').type('form').send(form(known.email));
    expect(fresh.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(fresh.headers.location);
    expect(fresh.headers['set-cookie']).toBeUndefined();
    expect(again.headers['set-cookie']).toBeUndefined();
    const pledges = await system.db
      .getRepository(Pledge)
      .find({ where: { venue: { name: 'Same Answer Bar' } }, relations: { venue: true } });
    expect(pledges.map((p) => p.commitments)).toEqual([
      ['free-water', 'welfare-space'],
      ['free-water', 'welfare-space'],
    ]);
  });

  it('refuses what the mutation refuses, with its words, and keeps everything typed', async () => {
    const res = await system
      .http()
      .post('/pledge')
      .type('form')
      .send(
        'name=Nothing+Ticked&kind=CLUB&address=2+Street&postcode=EH1+1AA&website=not+a+site&fullName=A+Person&email=nope&role=owner',
      );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Error: ');
    for (const field of ['#f-website', '#f-commitments', '#f-email']) {
      expect(res.text).toContain(`href="${field}"`);
    }
    expect(res.text).toContain('value="Nothing Ticked"');
    expect(res.text).toContain('value="not a site"');
    expect(await system.db.getRepository(Venue).countBy({ name: 'Nothing Ticked' })).toBe(0);

    // A retired or made-up commitment is refused by the same service.
    const made = await system
      .http()
      .post('/pledge')
      .type('form')
      .send(
        'name=Made+Up&kind=CLUB&address=2+Street&postcode=EH1+1AA&fullName=A+Person&email=a@example.org&role=owner&commitments=free-bar',
      );
    expect(made.status).toBe(422);
    expect(made.text).toContain('unknown or retired: free-bar');
  });

  it('the emailed link’s pages keep their paths and answers: incomplete, used and stale links', async () => {
    const incomplete = await system.http().get('/pledges/confirm').set('Accept', 'text/html');
    expect(incomplete.status).toBe(200);
    expect(incomplete.text).toContain('This link is incomplete');
    expect(incomplete.headers['referrer-policy']).toBe('no-referrer');
    const stale = await system
      .http()
      .post('/pledges/confirm')
      .type('form')
      .send({ token: 'not-a-real-token' });
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('This link no longer works');
    expect(stale.text).toContain('This link has expired or has already been used.');
    expect(stale.text).toContain('class="header"');
  });
});

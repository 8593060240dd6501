import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, Page } from 'playwright-core';
import { Branch } from '@app/branches';
import { CampaignEvent, Rsvp, RsvpService } from '@app/events';
import { createBranch } from '../factories';
import { createEvent, daysAhead } from '../factories/events';
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

const HOUR = 3_600_000;
/** Low enough that the last test can reach it; the other tests post far fewer forms. */
const PUBLIC_LIMIT = 40;
/** The whole-flow tests load many pages and run axe on each: on a busy machine they need longer. */
const LONG_FLOW = 420_000;

/** A partner's page (another origin) that frames `?src=` and records the height messages it receives. */
function hostPage(): Server {
  return createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://host.test').searchParams.get('src') ?? '';
    const attr = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>Partner</title></head><body>
<h1>Our partner's site</h1>
<iframe id="crm" title="Reply to the event" src="${attr}" width="600" height="500"></iframe>
<script>window.heights=[];addEventListener('message',function(e){if(e.data&&e.data.type==='crm:height'){window.heights.push(e.data)}})</script>
</body></html>`);
  });
}

async function start(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Nothing the strict Content-Security-Policy would block: no inline scripts, styles or handlers. */
function cspSafe(html: string): string[] {
  const problems: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (!/\ssrc="\//.test(tag)) {
      problems.push(`inline script: ${tag}`);
    }
  }
  if (/<style\b/i.test(html)) {
    problems.push('a <style> block');
  }
  if (/\sstyle="/i.test(html)) {
    problems.push('a style attribute');
  }
  if (/<[^>]+\son[a-z]+=/i.test(html)) {
    problems.push('an on* handler');
  }
  return problems;
}

describe('event pages in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let partner: Server;
  let stranger: Server;
  let partnerOrigin: string;
  let strangerOrigin: string;
  let dundee: Branch;
  let glasgow: Branch;

  beforeAll(async () => {
    partner = hostPage();
    stranger = hostPage();
    partnerOrigin = await start(partner);
    strangerOrigin = await start(stranger);
    system = await TestSystem.start({
      env: {
        CAMPAIGN_NAME: 'Safer Scotland',
        EMBED_ALLOWED_ORIGINS: partnerOrigin,
        RATE_LIMIT_PUBLIC: String(PUBLIC_LIMIT),
      },
    });
    base = await listen(system);
    browser = await launchBrowser();
    dundee = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    glasgow = await createBranch(system.db, { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'] });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await new Promise((resolve) => partner?.close(resolve));
    await new Promise((resolve) => stranger?.close(resolve));
  });

  const rsvpsOf = (eventId: string) => system.db.getRepository(Rsvp).find({ where: { eventId } });

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])(
    'find an event, book a place, get the email, free the place by its link: %s, by keyboard, at 360 px',
    async (_label, javaScript) => {
      // Screenshots from the JavaScript run only: without it the pages look the same.
      const snap = async (name: string) => (javaScript ? screenshot(page, name) : undefined);
      const event = await createEvent(system.db, {
        branchId: dundee.id,
        title: `Naloxone training at the ${javaScript ? 'Steeple centre' : 'Hilltown hub'}`,
        capacity: 5,
      });
      const elsewhere = await createEvent(system.db, {
        branchId: glasgow.id,
        title: `Harm reduction stall on ${javaScript ? 'Argyle' : 'Buchanan'} Street`,
        kind: 'STALL',
        trainingKind: null,
        isTraining: false,
        certificateValidMonths: null,
        locationName: `${javaScript ? 'Argyle' : 'Buchanan'} Street`,
        locationAddress: 'Glasgow',
        locationPostcode: 'G1 2FF',
      });
      const email = `rsvp-${javaScript ? 'js' : 'nojs'}@example.org`;
      const { page, context, requests, responses } = await visit(browser, { javaScript, viewport: PHONE });

      // The list, filtered with its GET form by keyboard.
      await page.goto(`${base}/events`);
      expect(await page.title()).toBe('Events – Safer Scotland');
      expect(await page.locator('main').innerText()).toContain(elsewhere.title);
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await snap('events-phone');
      await tabTo(page, '#f-branch');
      await page.keyboard.type('Dundee');
      await tabTo(page, '.filters button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(new URL(page.url()).searchParams.get('branch')).toBe('dundee');
      const listed = await page.locator('main').innerText();
      expect(listed).toContain(event.title);
      expect(listed).not.toContain(elsewhere.title);
      expect(listed).toContain('5 places left');
      expect(await page.inputValue('#f-branch')).toBe('dundee');

      // The event.
      await tabTo(page, `main a[href="/events/${event.id}"]`);
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/events/${event.id}`);
      expect(await page.title()).toBe(`${event.title} – Safer Scotland`);
      expect(await socialMeta(page)).toEqual({
        'og:title': event.title,
        'og:description': expect.stringContaining('Training: ') as unknown,
        'og:url': `${PUBLIC_URL}/events/${event.id}`,
        'twitter:card': 'summary',
      });
      expect(await page.locator('header').innerText()).toContain('Dundee');
      const details = await page.locator('main').innerText();
      expect(details).toMatch(/at \d\d:\d\d until \d\d:\d\d \(UK time\)/);
      expect(details).toContain('Community hall, 1 High Street, Dundee, DD1 1AA');
      expect(details).toContain('5 places left');
      expect(await page.locator(`main a[href="/events/${event.id}.ics"]`).innerText()).toContain(
        'Add to your calendar',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await snap('event-phone');

      // A bad postcode: the error summary, "Error: " in the title, and every other value kept.
      await tabTo(page, '#f-fullName');
      await page.keyboard.type('Morven Keyboard');
      await page.keyboard.press('Tab');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      await page.keyboard.type('nowhere 1');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space'); // keep me updated
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.error-summary').innerText()).toContain('postcode must be a UK postcode');
      expect(await hasFocus(page, '.error-summary')).toBe(true);
      expect(await page.inputValue('#f-fullName')).toBe('Morven Keyboard');
      expect(await page.inputValue('#f-email')).toBe(email);
      expect(await page.inputValue('#f-postcode')).toBe('nowhere 1');
      expect(await page.isChecked('#f-emailOptIn')).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await snap('event-error-phone');
      expect(await rsvpsOf(event.id)).toEqual([]);

      // The summary links to the field; fix it and send.
      await page.keyboard.press('Tab');
      expect(await hasFocus(page, '.error-summary a[href="#f-postcode"]')).toBe(true);
      await page.keyboard.press('Enter');
      await tabTo(page, '#f-postcode');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('dd1 4hn');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/events/${event.id}/reply?status=going`);
      expect(await page.locator('h1').innerText()).toContain('Thank you for replying');
      const replied = await page.locator('main').innerText();
      expect(replied).toContain('a place is kept for you');
      expect(replied).toContain('link to cancel');
      expect(await axeViolations(page)).toEqual([]);
      await snap('event-reply-phone');

      expect(await rsvpsOf(event.id)).toEqual([expect.objectContaining({ status: 'GOING' })]);

      // The email, and its cancel link's pages in the layout.
      const mail = await system.mail.waitFor(email);
      expect(mail.subject).toBe(`You are going: ${event.title}`);
      await page.goto(localLink(mail.text, '/rsvp/cancel', base));
      expect(await page.locator('h1').innerText()).toBe('Free your place');
      expect(await page.locator('.header__name').innerText()).toBe('Safer Scotland');
      expect(await page.locator('meta[name=robots]').getAttribute('content')).toBe('noindex');
      expect(await rsvpsOf(event.id)).toEqual([expect.objectContaining({ status: 'GOING' })]);
      expect(await axeViolations(page)).toEqual([]);
      await snap('rsvp-cancel-phone');
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('Your place is free');
      expect(await page.locator('main').innerText()).toContain('Thank you for letting us know.');
      expect(await axeViolations(page)).toEqual([]);
      await snap('rsvp-cancelled-phone');
      expect(await rsvpsOf(event.id)).toEqual([expect.objectContaining({ status: 'CANCELLED' })]);

      // Nothing from elsewhere, no cookies, small pages.
      expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      for (const sizes of await pageBudgets(responses, base)) {
        expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
        expect(sizes.total).toBeLessThanOrEqual(120 * 1024);
        if (!javaScript) {
          expect(sizes.js).toBe(0);
        }
      }
      await context.close();
    },
    LONG_FLOW,
  );

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])(
    'a full event offers the waiting list; the reply says so and the email tells: %s',
    async (_label, javaScript) => {
      const suffix = javaScript ? '' : '-nojs';
      // Screenshots from the JavaScript run only: without it the pages look the same.
      const snap = async (name: string) => (javaScript ? screenshot(page, name) : undefined);
      const event = await createEvent(system.db, {
        branchId: dundee.id,
        title: `Peer support meeting${javaScript ? '' : ' (evening)'}`,
        kind: 'MEETING',
        capacity: 1,
      });
      await system.api.get(RsvpService).rsvp({
        eventId: event.id,
        fullName: 'First Person',
        email: `first${suffix}@example.org`,
        emailOptIn: false,
      });
      const email = `waiting${suffix}@example.org`;
      const { page, context, requests } = await visit(browser, { javaScript, viewport: DESKTOP });

      await page.goto(`${base}/events/${event.id}`);
      expect(await page.locator('main').innerText()).toContain('Full: you can join the waiting list');
      expect(await page.locator('#rsvp-title').innerText()).toBe('Join the waiting list');
      expect(await axeViolations(page)).toEqual([]);
      await snap('event-full-desktop');
      if (javaScript) {
        await page.setViewportSize(PHONE);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await snap('event-full-phone');
        await page.setViewportSize(DESKTOP);
      }

      // A bad email, by keyboard: the summary, and the name and postcode kept.
      await tabTo(page, '#f-fullName');
      await page.keyboard.type('Ailsa Waiting');
      await page.keyboard.press('Tab');
      await page.keyboard.type('not-an-email');
      await page.keyboard.press('Tab');
      await page.keyboard.type('G1 1AA');
      await tabTo(page, 'main form button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.error-summary').innerText()).toContain('email must be an email address');
      expect(await page.inputValue('#f-fullName')).toBe('Ailsa Waiting');
      expect(await page.inputValue('#f-postcode')).toBe('G1 1AA');
      expect(await page.isChecked('#f-emailOptIn')).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await snap('event-error-desktop');

      await tabTo(page, '.error-summary a[href="#f-email"]');
      await page.keyboard.press('Enter');
      await tabTo(page, '#f-email');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(email);
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/events/${event.id}/reply?status=waiting-list`);
      const replied = await page.locator('main').innerText();
      expect(replied).toContain('full just now, so replies go on the waiting list');
      expect(replied).toContain('It tells you where you stand');
      expect(await axeViolations(page)).toEqual([]);
      await snap('event-reply-desktop');

      const mail = await system.mail.waitFor(email);
      expect(mail.subject).toBe(`You are on the waiting list: ${event.title}`);
      expect(mail.text).toContain('/rsvp/cancel?token=');
      expect(await system.db.getRepository(Rsvp).countBy({ eventId: event.id, status: 'WAITLISTED' })).toBe(
        1,
      );
      if (javaScript) {
        // Leaving the waiting list by the emailed link, for the desktop picture of its last page.
        await page.goto(localLink(mail.text, '/rsvp/cancel', base));
        await tabTo(page, 'main button[type=submit]');
        await submitAndWait(page, () => page.keyboard.press('Enter'));
        expect(await page.locator('h1').innerText()).toBe('Your place is free');
        await snap('rsvp-cancelled-desktop');
      }
      expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      await context.close();
    },
    LONG_FLOW,
  );

  /** The framed page (the event's embed) inside the host page. */
  async function embedFrame(page: Page): Promise<Frame> {
    return system.eventually(async () => page.frames().find((f) => f.url().includes('/embed/events/')));
  }

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])(
    'the embed works framed by an allowed origin, and its form stays in the frame: %s',
    async (_label, javaScript) => {
      const event = await createEvent(system.db, {
        branchId: dundee.id,
        title: `Drug checking vigil${javaScript ? '' : ' at the City Chambers'}`,
        kind: 'ACTION',
      });
      const embedUrl = `${base}/embed/events/${event.id}`;
      const email = `embedded-${javaScript ? 'js' : 'nojs'}@example.org`;
      const { page, context, requests } = await visit(browser, { javaScript, viewport: DESKTOP });

      await page.goto(`${partnerOrigin}/?src=${encodeURIComponent(embedUrl)}`);
      const frame = page.frameLocator('#crm');
      await frame.locator('main form[method=post]').waitFor();
      expect(await frame.locator('header').count()).toBe(0);
      expect(await frame.locator('h1').innerText()).toBe(event.title);
      if (javaScript) {
        await page.waitForFunction(() => (window as unknown as { heights: unknown[] }).heights.length > 0);
        const [message] = await page.evaluate(
          () => (window as unknown as { heights: Array<{ height: number; path: string }> }).heights,
        );
        expect(message.height).toBeGreaterThan(100);
        expect(message.path).toBe(`/embed/events/${event.id}`);
      }

      await frame.locator('#f-fullName').fill('Framed Person');
      await frame.locator('#f-email').fill(email);
      const inner = await embedFrame(page);
      await Promise.all([
        inner.waitForURL(`${embedUrl}/reply?status=going`),
        frame.locator('main form button[type=submit]').click(),
      ]);
      expect(page.url()).toContain(partnerOrigin); // the top page stayed where it was
      expect(await frame.locator('h1').innerText()).toContain('Thank you for replying');
      expect(await frame.locator('header').count()).toBe(0);
      expect((await system.mail.waitFor(email)).subject).toBe(`You are going: ${event.title}`);
      expect(requests.filter((url) => !url.startsWith(base) && !url.startsWith(partnerOrigin))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      await context.close();
    },
  );

  it('the embed is refused a frame by any other origin; other pages are never framed', async () => {
    const event = await createEvent(system.db, { branchId: dundee.id, title: 'Overdose awareness day' });
    const embedUrl = `${base}/embed/events/${event.id}`;
    const { page, context } = await visit(browser, { viewport: DESKTOP });
    await page.goto(`${strangerOrigin}/?src=${encodeURIComponent(embedUrl)}`);
    await page.waitForLoadState('load');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.frameLocator('#crm').locator('form').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { heights: unknown[] }).heights)).toEqual([]);

    const embed = await system.http().get(`/embed/events/${event.id}`).set('Accept', 'text/html');
    expect(embed.status).toBe(200);
    expect(embed.headers['content-security-policy']).toContain(`frame-ancestors ${partnerOrigin}`);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const full = await system.http().get(`/events/${event.id}`).set('Accept', 'text/html');
    expect(full.headers['content-security-policy'] ?? '').not.toContain(partnerOrigin);

    // The embed on its own: accessible, narrow, no site chrome.
    const phone = await visit(browser, { viewport: PHONE });
    await phone.page.goto(embedUrl);
    expect(await phone.page.locator('header').count()).toBe(0);
    expect(await axeViolations(phone.page)).toEqual([]);
    expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'event-embed-phone');
    await phone.context.close();
    const desktop = await visit(browser, { viewport: DESKTOP });
    await desktop.page.goto(embedUrl);
    await screenshot(desktop.page, 'event-embed-desktop');
    await desktop.context.close();
    await context.close();
  });

  it('at desktop width: the list, an event and the cancel link page, each within budget', async () => {
    const event = await createEvent(system.db, {
      branchId: dundee.id,
      title: 'Overdose response training',
      trainingKind: 'overdose-response',
      capacity: 12,
      rsvpClosesAt: daysAhead(6),
    });
    const { page, context } = await visit(browser, { viewport: DESKTOP });
    for (const [path, name] of [
      ['/events', 'events-desktop'],
      [`/events/${event.id}`, 'event-desktop'],
      ['/rsvp/cancel?token=an-example-token', 'rsvp-cancel-desktop'],
    ]) {
      const pageVisit = await visit(browser, { viewport: DESKTOP });
      await pageVisit.page.goto(`${base}${path}`);
      await pageVisit.page.waitForLoadState('networkidle');
      const sizes = await budget(pageVisit.responses, base);
      expect(sizes.js).toBeGreaterThan(0);
      expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
      expect(sizes.total).toBeLessThanOrEqual(120 * 1024);
      expect(await axeViolations(pageVisit.page)).toEqual([]);
      expect(pageVisit.requests.filter((url) => !url.startsWith(base))).toEqual([]);
      await screenshot(pageVisit.page, name);
      await pageVisit.context.close();
    }
    await page.goto(`${base}/events/${event.id}`);
    expect(await page.locator('main').innerText()).toContain('Replies close');
    await context.close();
  });

  it('shows only public events, soonest first; cancelled, closed and finished events take no replies', async () => {
    const branch = await createBranch(system.db, { name: 'Edinburgh', postcodeAreas: ['EH'] });
    const later = await createEvent(system.db, {
      branchId: branch.id,
      title: 'Later social',
      kind: 'SOCIAL',
      startsAt: daysAhead(9),
    });
    const sooner = await createEvent(system.db, {
      branchId: branch.id,
      title: 'Sooner stall',
      kind: 'STALL',
      startsAt: daysAhead(2),
      capacity: null,
    });
    const draft = await createEvent(system.db, {
      branchId: branch.id,
      title: 'Draft meeting',
      status: 'DRAFT',
    });
    const past = await createEvent(system.db, {
      branchId: branch.id,
      title: 'Past action',
      startsAt: new Date(Date.now() - 24 * HOUR),
    });
    const cancelled = await createEvent(system.db, {
      branchId: branch.id,
      title: 'Cancelled march',
      status: 'CANCELLED',
      cancelMessage: 'The weather warning makes it unsafe.',
    });
    const closed = await createEvent(system.db, {
      branchId: branch.id,
      title: 'Closed training',
      rsvpClosesAt: new Date(Date.now() - HOUR),
    });

    const list = await system.http().get(`/events?branch=${branch.slug}`).set('Accept', 'text/html');
    expect(list.status).toBe(200);
    expect(cspSafe(list.text)).toEqual([]);
    expect(list.text).toContain(sooner.title);
    expect(list.text.indexOf(sooner.title)).toBeLessThan(list.text.indexOf(later.title));
    expect(list.text).not.toContain(draft.title);
    expect(list.text).not.toContain(past.title);
    expect(list.text).toContain(cancelled.title); // the news stays visible, marked
    expect(list.text).toContain('class="status status--failed">Cancelled<');
    const socials = await system
      .http()
      .get(`/events?branch=${branch.slug}&kind=SOCIAL`)
      .set('Accept', 'text/html');
    expect(socials.text).toContain(later.title);
    expect(socials.text).not.toContain(sooner.title);
    // Filter values that mean nothing are ignored; an edited cursor starts again.
    const odd = await system
      .http()
      .get('/events?branch=nowhere&kind=PARTY&after=xyz')
      .set('Accept', 'text/html');
    expect(odd.status).toBe(200);
    expect(odd.text).toContain(sooner.title);

    for (const path of [
      `/events/${draft.id}`,
      `/embed/events/${draft.id}`,
      '/events/not-an-id',
      `/events/${draft.id}/reply`,
    ]) {
      const res = await system.http().get(path).set('Accept', 'text/html');
      expect(res.status).toBe(404);
      expect(res.text).toContain('Page not found');
      expect(res.text).not.toContain(draft.title);
    }
    const toDraft = await system
      .http()
      .post(`/events/${draft.id}`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ fullName: 'A', email: 'a@example.org' });
    expect(toDraft.status).toBe(404);

    const open = await system.http().get(`/events/${sooner.id}`).set('Accept', 'text/html');
    expect(cspSafe(open.text)).toEqual([]);
    expect(open.text).toContain('No limit: everyone welcome');
    // The calendar link still reaches the calendar, not the page.
    const ics = await system.http().get(`/events/${sooner.id}.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');

    const { page, context } = await visit(browser, { viewport: PHONE });
    await page.goto(`${base}/events/${cancelled.id}`);
    expect(await page.locator('main').innerText()).toContain('This event is cancelled.');
    expect(await page.locator('main').innerText()).toContain('The weather warning makes it unsafe.');
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/events/${past.id}`);
    expect(await page.locator('main').innerText()).toContain('This event has finished.');
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    await page.goto(`${base}/events/${closed.id}`);
    expect(await page.locator('main').innerText()).toContain('Replies for this event have closed.');
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    await context.close();

    // A reply that arrives after replies closed: the same page, saying why, with a 422.
    const late = await system
      .http()
      .post(`/events/${closed.id}`)
      .type('form')
      .send({ fullName: 'Late Person', email: 'late@example.org' });
    expect(late.status).toBe(422);
    expect(late.text).toContain('Error: ');
    expect(late.text).toContain('href="#f-form"');
    expect(late.text).toContain('Replies for this event have closed.');
    expect(await rsvpsOf(closed.id)).toEqual([]);
  });

  it('the cancel link without a token, or a used one, says so in the layout', async () => {
    const incomplete = await system.http().get('/rsvp/cancel').set('Accept', 'text/html');
    expect(incomplete.status).toBe(200);
    expect(incomplete.text).toContain('This link is incomplete');
    expect(incomplete.headers['referrer-policy']).toBe('no-referrer');
    expect(incomplete.headers['cache-control']).toBe('no-store');
    const stale = await system.http().post('/rsvp/cancel').type('form').send({ token: 'not-a-real-token' });
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('This link no longer works');
    expect(stale.text).toContain('class="header__name"');
    expect(cspSafe(stale.text)).toEqual([]);
  });

  it('the form answers the same for a repeat reply, and sets no cookie', async () => {
    const event = await createEvent(system.db, {
      branchId: glasgow.id,
      title: 'Harm reduction stall',
      kind: 'STALL',
    });
    const form = { fullName: 'Repeat Person', email: 'repeat-rsvp@example.org', postcode: '' };
    const first = await system.http().post(`/events/${event.id}`).type('form').send(form);
    const again = await system
      .http()
      .post(`/events/${event.id}`)
      .type('form')
      .send({ ...form, email: 'REPEAT-RSVP@example.org' });
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(await system.db.getRepository(Rsvp).countBy({ eventId: event.id })).toBe(1);
  });

  // Last: it uses up this client's public limit for RSVP forms.
  it('a form refused by the public rate limit comes back with everything typed (429)', async () => {
    const event = await createEvent(system.db, {
      branchId: dundee.id,
      title: 'Busy meeting',
      kind: 'MEETING',
    });
    const form = {
      fullName: 'Patient Person',
      email: 'not-an-email',
      postcode: 'DD1 4HN',
      emailOptIn: 'yes',
    };
    let res = await system.http().post(`/events/${event.id}`).type('form').send(form);
    for (let i = 0; i <= 2 * PUBLIC_LIMIT && res.status !== 429; i += 1) {
      res = await system.http().post(`/events/${event.id}`).type('form').send(form);
    }
    expect(res.status).toBe(429);
    expect(res.text).toContain('<title>Error: ');
    expect(res.text).toContain('nothing you wrote has been lost');
    expect(res.text).toContain('value="Patient Person"');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toContain('value="DD1 4HN"');
    expect(res.text).toMatch(/id="f-emailOptIn"[^>]*checked/);
    expect(await system.db.getRepository(CampaignEvent).countBy({ id: event.id })).toBe(1);
    expect(await rsvpsOf(event.id)).toEqual([]);
  });
});

import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { PageContexts, retryPage, tooManyRequestsPage, unavailablePage } from '@app/web';
import { createBranch, createOpenPetition } from '../factories';
import { createEvent } from '../factories/events';
import { createOpenLetterCampaign } from '../factories/letters';
import {
  axeViolations,
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  listen,
  PHONE,
  screenshot,
  visit,
} from '../support/browser';
import { TestSystem } from '../support/test-system';

jest.setTimeout(180_000);

/** A partner's web page on another origin, framing one of our pages and noting the heights it is told. */
async function hostPage(frameSrc: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>Partner</title></head><body>
<h1>Partner site</h1>
<iframe id="crm" title="Sign the petition" src="${frameSrc()}" width="360" height="300"></iframe>
<script>
window.heights = [];
window.addEventListener('message', function (event) {
  if (event.data && event.data.type === 'crm:height') { window.heights.push(event.data.height); }
});
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the site around the pages', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let embedSrc = '';

  beforeAll(async () => {
    allowed = await hostPage(() => embedSrc);
    other = await hostPage(() => embedSrc);
    system = await TestSystem.start({
      env: { EMBED_ALLOWED_ORIGINS: allowed.origin, EXIT_PAGE_URL: 'http://neutral.test/weather' },
    });
    base = await listen(system);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    allowed?.server.close();
    other?.server.close();
  });

  it('privacy notice, accessibility statement and the 404 page are accessible at phone and desktop width', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { page, context } = await visit(browser, { viewport, javaScript: false });
      for (const path of ['/privacy', '/accessibility', '/no-such-page']) {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status()).toBe(path === '/no-such-page' ? 404 : 200);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        expect(await axeViolations(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        const name = path.slice(1);
        await screenshot(page, `${name}-${viewport === PHONE ? 'phone' : 'desktop'}`);
      }
      await context.close();
    }
  });

  it('the pages the flows do not reach are accessible and fit 360 px: embeds, link pages, error pages, a closed petition', async () => {
    const petition = await createOpenPetition(system.db);
    const closed = await createOpenPetition(system.db, { status: 'CLOSED' });
    const campaign = await createOpenLetterCampaign(system.db);
    const branch = await createBranch(system.db);
    const event = await createEvent(system.db, { branchId: branch.id });
    // The error pages the filter draws for a 429, a 500 and a 503, from the same functions, served
    // at the origin (a real one cannot be caused on demand without breaking the system under test).
    const ctx = system.api.get(PageContexts).create();
    const errorPages: Record<string, string> = {
      '/__error-429__': tooManyRequestsPage(ctx),
      '/__error-500__': unavailablePage(ctx),
      '/__error-503__': retryPage(ctx),
    };
    const pages: Array<[path: string, heading: RegExp, shot?: string]> = [
      [`/embed/petitions/${petition.slug}`, /Drug checking/, 'petition-embed'],
      [`/embed/petitions/${petition.slug}/check-email`, /Check your email/],
      [`/embed/write/${campaign.slug}/check-email`, /Check your email/],
      [`/embed/events/${event.id}/reply?status=waiting-list`, /./],
      ['/membership/confirm?token=made-up-link-token', /./],
      ['/mailings/unsubscribe?token=made-up-link-token', /nsubscribe/],
      [`/petitions/${closed.slug}`, /Drug checking/],
      ['/__error-429__', /Please wait/],
      ['/__error-500__', /problem with the service/],
      ['/__error-503__', /try again/],
    ];
    // At 360 px, where sideways scrolling would show; with scripts on, so axe runs on the page itself.
    const { page, context } = await visit(browser, { viewport: PHONE });
    for (const [path, body] of Object.entries(errorPages)) {
      await page.route(`${base}${path}`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
      );
    }
    for (const [path, heading, shot] of pages) {
      const response = await page.goto(`${base}${path}`);
      expect([path, response?.status()]).toEqual([path, 200]);
      expect([path, await page.locator('h1').innerText()]).toEqual([path, expect.stringMatching(heading)]);
      expect([path, await axeViolations(page)]).toEqual([path, []]);
      expect([path, Math.max(0, await horizontalOverflow(page))]).toEqual([path, 0]);
      if (shot) {
        await screenshot(page, `${shot}-phone`);
        await page.setViewportSize(DESKTOP);
        await screenshot(page, `${shot}-desktop`);
        await page.setViewportSize(PHONE);
      }
    }
    await context.close();
  }, 600_000);

  it('a JSON client still gets JSON errors, a browser a page', async () => {
    const json = await system.http().get('/no-such-page').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.headers['content-type']).toMatch(/json/);
    const html = await system.http().get('/no-such-page').set('Accept', 'text/html');
    expect(html.status).toBe(404);
    expect(html.text).toContain('Page not found');
  });

  it('"Exit this page" leaves at once: by its button without JavaScript, by Shift three times with it', async () => {
    const petition = await createOpenPetition(system.db);
    const noJs = await visit(browser, { javaScript: false });
    await noJs.context.route('http://neutral.test/**', (route) => route.fulfill({ body: 'Weather', contentType: 'text/plain' }));
    await noJs.page.goto(`${base}/petitions/${petition.slug}`);
    expect(await noJs.page.getAttribute('[data-exit-page]', 'href')).toBe('http://neutral.test/weather');
    // Shift does nothing without JavaScript, so the page does not offer it.
    expect(await noJs.page.locator('.exit__hint').innerText()).toBe('Leaves this site quickly.');
    expect(await noJs.page.locator('[data-exit-hint]').isVisible()).toBe(false);
    await noJs.page.click('[data-exit-page]');
    await noJs.page.waitForURL('http://neutral.test/weather');
    await noJs.context.close();

    const withJs = await visit(browser);
    await withJs.context.route('http://neutral.test/**', (route) => route.fulfill({ body: 'Weather', contentType: 'text/plain' }));
    await withJs.page.goto(`${base}/petitions/${petition.slug}`);
    await withJs.page.waitForLoadState('networkidle');
    expect(await withJs.page.locator('.exit__hint').innerText()).toBe(
      'Leaves this site quickly. You can also press Shift three times.',
    );
    for (let i = 0; i < 3; i += 1) {
      await withJs.page.keyboard.press('Shift');
    }
    await withJs.page.waitForURL('http://neutral.test/weather');
    // Replaced, not added: Back does not return to the campaign's page.
    expect(await withJs.page.evaluate(() => history.length)).toBe(2);
    await withJs.context.close();
  });

  it('pages send security headers and set no cookies; assets are cached by content', async () => {
    const petition = await createOpenPetition(system.db);
    const page = await system.http().get(`/petitions/${petition.slug}`).set('Accept', 'text/html');
    expect(page.headers['set-cookie']).toBeUndefined();
    const css = /href="(\/assets\/site\.css\?v=[0-9a-f]+)"/.exec(page.text)?.[1];
    expect(css).toBeDefined();
    const asset = await system.http().get(css!);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await system.http().get('/assets/../package.json')).status).toBe(404);
  });

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])('an embed can be framed by an allowed origin only, works there %s, and reports its height', async (_label, javaScript) => {
    const petition = await createOpenPetition(system.db);
    const email = `framed-${javaScript ? 'js' : 'nojs'}@example.org`;
    embedSrc = `${base}/embed/petitions/${petition.slug}`;
    const { page, context, requests } = await visit(browser, { javaScript });
    await page.goto(allowed.origin);
    const frame = page.frameLocator('#crm');
    await frame.locator('#f-fullName').fill('Framed Person');
    await frame.locator('#f-email').fill(email);
    await frame.locator('#f-postcode').fill('DD1 4HN');
    await frame.locator('button[type=submit]').click();
    await frame.locator('h1', { hasText: 'Check your email' }).waitFor();
    expect(page.url()).toBe(`${allowed.origin}/`);
    expect(page.frames().some((f) => f.url() === `${embedSrc}/check-email`)).toBe(true);
    await system.mail.waitFor(email);
    if (javaScript) {
      const heights = await page.evaluate(() => (window as unknown as { heights: number[] }).heights);
      expect(heights.length).toBeGreaterThan(0);
    }
    expect(requests.filter((url) => !url.startsWith(base) && !url.startsWith(allowed.origin))).toEqual([]);
    await context.close();
    if (!javaScript) {
      return;
    }

    const blocked = await visit(browser);
    await blocked.page.goto(other.origin);
    await blocked.page.waitForTimeout(500);
    const child = blocked.page.frames().find((f) => f !== blocked.page.mainFrame());
    expect(await child?.locator('#f-fullName').count()).toBe(0);
    await blocked.context.close();

    // Every other page refuses to be framed at all.
    const full = await system.http().get(`/petitions/${petition.slug}`).set('Accept', 'text/html');
    expect(full.headers['content-security-policy'] ?? '').toContain("frame-ancestors 'none'");
    const embed = await system.http().get(`/embed/petitions/${petition.slug}`).set('Accept', 'text/html');
    expect(embed.headers['content-security-policy']).toContain(`frame-ancestors ${allowed.origin}`);
  });
});

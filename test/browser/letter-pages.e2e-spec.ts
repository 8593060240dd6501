import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Letter } from '@app/letters';
import { Target } from '@app/targets';
import { createBranch } from '../factories';
import { createOpenLetterCampaign, LETTER_BODY } from '../factories/letters';
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
import { importScotland } from '../support/scotland';
import { PUBLIC_URL, TestSystem, tokenFromMail } from '../support/test-system';

jest.setTimeout(180_000);

/** AB2 1DD is in Aberdeen Central, in North East Scotland: its eight (made-up) MSPs. */
const EIGHT_MSPS = [
  's16000074@msp.example.org',
  ...Array.from({ length: 7 }, (_, i) => `s17000014-${i + 1}@msp.example.org`),
];

/** A tiny web page on another origin that frames `src` and records the height messages it gets. */
async function hostPage(): Promise<{ server: Server; origin: string; frame: (src: string) => string }> {
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://host').searchParams.get('src') ?? '';
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>Partner site</title></head><body>
<h1>A partner's page</h1>
<iframe id="crm" title="Write to your MSPs" src="${src.replace(/"/g, '&quot;')}" width="360" height="600"></iframe>
<script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'crm:height') heights.push(e.data.height); });</script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, frame: (src) => `${origin}/?src=${encodeURIComponent(src)}` };
}

/** Nothing the CSP would block: no inline scripts or styles, no style attributes, no handlers. */
function cspSafe(html: string): string[] {
  return [
    ...(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []),
    ...(html.match(/<style[\s>]/g) ?? []),
    ...(html.match(/\sstyle=/g) ?? []),
    ...(html.match(/\son[a-z]+=/g) ?? []),
  ];
}

describe('letter-campaign pages in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let allowed: Awaited<ReturnType<typeof hostPage>>;
  let other: Awaited<ReturnType<typeof hostPage>>;

  beforeAll(async () => {
    allowed = await hostPage();
    other = await hostPage();
    system = await TestSystem.start({
      env: {
        CAMPAIGN_NAME: 'Safer Scotland',
        EMBED_ALLOWED_ORIGINS: allowed.origin,
        LETTER_TARGET_INTERVAL_MS: '50',
        LETTER_FROM: 'letters@campaign.test',
      },
    });
    await importScotland(system);
    await system.db
      .getRepository(Target)
      .update({ email: 's16000074@msp.example.org' }, { party: 'Independent' });
    base = await listen(system);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    allowed?.server.close();
    other?.server.close();
  });

  /** Selects everything in the focused field and types over it (keyboard only). */
  async function retype(page: Page, text: string): Promise<void> {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }

  const delivered = (address: string): number => system.mail.to(address).length;

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])(
    'postcode → your 8 MSPs → personalise → preview → send → confirm → eight letters delivered, %s, by keyboard',
    async (_label, javaScript) => {
      const branch = await createBranch(system.db, { name: 'Dundee' });
      const campaign = await createOpenLetterCampaign(system.db, {
        branchId: branch.id,
        requirePersonalisation: true,
      });
      const email = `writer-${javaScript ? 'js' : 'nojs'}@example.org`;
      const before = EIGHT_MSPS.map(delivered);
      const { page, context, requests, responses } = await visit(browser, { javaScript, viewport: PHONE });
      const suffix = javaScript ? '' : '-nojs';
      // axe and the 360 px check on each page as served (axe runs it with scripts, so the islands run
      // too) in the run without JavaScript; with JavaScript, on what the islands change.
      const checked = async (on: Page, options: { overflow?: boolean } = {}): Promise<void> => {
        if (javaScript) {
          return;
        }
        expect(await axeViolations(on)).toEqual([]);
        if (options.overflow !== false) {
          expect(await horizontalOverflow(on)).toBeLessThanOrEqual(0);
        }
      };

      // The list of open campaigns.
      await page.goto(`${base}/write`);
      expect(await page.title()).toBe('Write to your MSPs – Safer Scotland');
      expect(await page.locator('main').innerText()).toContain(campaign.title);
      await checked(page);
      await screenshot(page, `letters-list-phone${suffix}`);
      await tabTo(page, `main a[href="/write/${campaign.slug}"]`);
      await submitAndWait(page, () => page.keyboard.press('Enter'));

      // Step one: the postcode (a GET form); with JavaScript the MSPs show as it is typed.
      expect(page.url()).toBe(`${base}/write/${campaign.slug}`);
      expect(await page.title()).toBe(`${campaign.title} – Safer Scotland`);
      expect(await page.locator('header').innerText()).toContain('Dundee');
      expect(await socialMeta(page)).toEqual({
        'og:title': campaign.title,
        'og:description': expect.any(String) as unknown,
        'og:url': `${PUBLIC_URL}/write/${campaign.slug}`,
        'twitter:card': 'summary',
      });
      await checked(page);
      await screenshot(page, `letters-campaign-phone${suffix}`);
      await tabTo(page, '#f-postcode');
      await page.keyboard.type('ab2 1dd');
      if (javaScript) {
        await page.waitForFunction(
          () => document.querySelectorAll('[data-lookup-list] li').length === 8,
          undefined,
          {
            timeout: 20_000,
          },
        );
        expect(await page.locator('[data-lookup-status]').innerText()).toBe('Who represents AB2 1DD:');
        expect(await page.locator('[data-lookup-list]').innerText()).toContain(
          'MSP for Aberdeen Central (Independent)',
        );
        expect(await axeViolations(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, 'letters-lookup-phone');
      }
      await submitAndWait(page, () => page.keyboard.press('Enter'));

      // Step two: the eight MSPs, and the letter to personalise.
      expect(page.url()).toBe(`${base}/write/${campaign.slug}?postcode=ab2+1dd`);
      expect(await page.locator('#recipients-title').innerText()).toBe('Your 8 MSPs');
      const recipients = page.locator('section[aria-labelledby="recipients-title"] li');
      expect(await recipients.count()).toBe(8);
      expect(await recipients.first().innerText()).toContain('MSP for Aberdeen Central (Independent)');
      expect(await recipients.first().innerText()).toContain('Constituency MSP for Aberdeen Central');
      expect(await recipients.last().innerText()).toContain('Regional MSP for North East Scotland');
      expect(await page.inputValue('#f-body')).toBe(LETTER_BODY);
      await checked(page);
      await screenshot(page, `letters-letter-phone${suffix}`);

      // Sent unchanged where the campaign asks for your own words: refused, clearly, nothing lost.
      await tabTo(page, '#f-fullName');
      await page.keyboard.type('Morven Writer');
      await page.keyboard.press('Tab');
      await page.keyboard.type(email);
      await tabTo(page, 'button[value="send"]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.error-summary').innerText()).toContain('put the letter in your own words');
      expect(await hasFocus(page, '.error-summary')).toBe(true);
      expect(await page.inputValue('#f-body')).toBe(LETTER_BODY);
      expect(await page.inputValue('#f-fullName')).toBe('Morven Writer');
      expect(await page.inputValue('#f-email')).toBe(email);
      await checked(page, { overflow: false });
      expect(await system.db.getRepository(Letter).countBy({ email })).toBe(0);

      // Personalise it; a bad postcode shows the error summary and keeps everything else.
      await tabTo(page, '#f-postcode');
      await retype(page, 'ABC 123');
      await tabTo(page, '#f-body');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n\nMy friend is alive because someone nearby carried naloxone.');
      if (javaScript) {
        await page.waitForFunction(() =>
          /About \d+%/.test(document.querySelector('.personal-meter')?.textContent ?? ''),
        );
        // The character count, in the catalogue's words.
        expect(await page.locator('[data-info-for="f-body"]').innerText()).toMatch(
          /\b\d[\d,]* of 20,000 characters\.$/,
        );
      }
      await tabTo(page, '#f-emailOptIn');
      await page.keyboard.press('Space');
      await tabTo(page, 'button[value="send"]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.error-summary').innerText()).toContain('postcode must be a UK postcode');
      expect(await hasFocus(page, '.error-summary')).toBe(true);
      expect(await page.inputValue('#f-postcode')).toBe('ABC 123');
      expect(await page.inputValue('#f-body')).toContain('someone nearby carried naloxone.');
      expect(await page.inputValue('#f-fullName')).toBe('Morven Writer');
      expect(await page.inputValue('#f-email')).toBe(email);
      expect(await page.isChecked('#f-emailOptIn')).toBe(true);
      await checked(page);
      await screenshot(page, `letters-error-phone${suffix}`);

      // The summary links to the field; fix it, and Enter previews (the form's first button).
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await hasFocus(page, '#f-postcode')).toBe(true);
      await retype(page, 'AB2 1DD');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.title()).not.toMatch(/^Error: /);
      expect(await hasFocus(page, '[data-preview]')).toBe(true);
      const letters = page.locator('[data-preview] details');
      expect(await letters.count()).toBe(8);
      const first = await letters.first().innerText();
      expect(first).toContain('Subject: Drug checking in Aberdeen Central');
      expect(first).toContain('Dear MSP for Aberdeen Central,');
      expect(first).toContain('someone nearby carried naloxone.');
      expect(first).toContain('Morven Writer');
      expect(await page.locator('.preview__share').innerText()).toMatch(
        /^About \d+% of this letter is in your own words\.$/,
      );
      await checked(page);
      await screenshot(page, `letters-preview-phone${suffix}`);

      // Send → check your email.
      await tabTo(page, 'button[value="send"]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/write/${campaign.slug}/check-email`);
      expect(await page.locator('h1').innerText()).toContain('Check your email');
      await checked(page, { overflow: false });
      await screenshot(page, `letters-check-email-phone${suffix}`);
      const pending = await system.db.getRepository(Letter).findBy({ email });
      expect(pending).toHaveLength(8);
      expect(pending.every((l) => l.status === 'AWAITING_CONFIRMATION' && l.emailOptIn)).toBe(true);

      // The emailed link's page, in the layout; its button sends.
      const mail = await system.mail.waitFor(email);
      expect(mail.text).toContain('someone nearby carried naloxone.');
      if (javaScript) {
        // With the worker away, the letters wait: the page shows them waiting and keeps itself current.
        await system.stopWorker();
      }
      await page.goto(localLink(mail.text, '/letters/confirm', base));
      expect(await page.locator('h1').innerText()).toBe('Confirm your letter');
      await checked(page, { overflow: false });
      await screenshot(page, `letters-confirm-phone${suffix}`);
      await tabTo(page, 'main button[type=submit]');
      await submitAndWait(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('h1').innerText()).toBe('Thank you: your letter is on its way');
      expect(await page.locator('main').innerText()).toContain(
        `8 letters for “${campaign.title}” will be delivered shortly.`,
      );
      expect(await page.locator('[data-letter-list] li').count()).toBe(8);
      expect(await page.locator('.share').innerText()).toContain('WhatsApp');
      // The share sheet's button only where JavaScript can open the sheet.
      expect(await page.locator('.share__native').isVisible()).toBe(false);
      await checked(page);
      await screenshot(page, `letters-thanks-phone${suffix}`);

      if (javaScript) {
        expect(await page.locator('[data-letter-list] [data-status="QUEUED"]').count()).toBe(8);
        expect(await page.locator('[data-letter-summary]').innerText()).toBe('0 of 8 letters delivered.');
        await system.startWorker();
        // The island reads the status page again every 10 seconds and swaps in the news.
        await page.waitForFunction(
          () => document.querySelectorAll('[data-letter-list] [data-status="SENT"]').length === 8,
          undefined,
          { timeout: 90_000 },
        );
        expect(await page.locator('[data-letter-summary]').innerText()).toBe('8 of 8 letters delivered.');
        expect(await page.locator('[data-letter-refresh]').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
      } else {
        // Without JavaScript: the status page, and "Check again" until every letter is delivered.
        await tabTo(page, 'main a[href^="/letters/status?key="]:not(.button)');
        await submitAndWait(page, () => page.keyboard.press('Enter'));
        expect(await page.locator('h1').innerText()).toBe('Your letters');
        await system.eventually(async () => {
          await page.reload();
          return (await page.locator('[data-letter-list] [data-status="SENT"]').count()) === 8;
        }, 30_000);
        expect(await page.locator('main').innerText()).toContain('8 of 8 letters delivered.');
        await checked(page, { overflow: false });
        await screenshot(page, 'letters-status-phone');
      }

      // Eight letters at the SMTP sink, one to each MSP, in the writer's words.
      for (const [i, address] of EIGHT_MSPS.entries()) {
        const letter = await system.mail.waitFor(address, before[i] + 1);
        expect(letter.text).toContain('someone nearby carried naloxone.');
        expect(letter.rawHeaders['reply-to']).toBe(email);
      }
      expect(
        (await system.db.getRepository(Letter).findBy({ email })).every((l) => l.status === 'SENT'),
      ).toBe(true);

      // Privacy and budgets: nothing from elsewhere, no cookies, small pages.
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
    600_000,
  );

  it('a postcode outside Scotland, or not a postcode, shows the error summary on the postcode step', async () => {
    const campaign = await createOpenLetterCampaign(system.db);
    const { page, context } = await visit(browser, { javaScript: false, viewport: PHONE });
    const res = await page.goto(`${base}/write/${campaign.slug}?postcode=SW1A+2AA`);
    expect(res?.status()).toBe(422);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.error-summary').innerText()).toContain(
      'We cannot place that postcode in a Scottish Parliament constituency.',
    );
    expect(await hasFocus(page, '.error-summary')).toBe(true);
    expect(await page.inputValue('#f-postcode')).toBe('SW1A 2AA');
    expect(await page.locator('form[method="post"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'letters-postcode-error-phone');

    await page.goto(`${base}/write/${campaign.slug}?postcode=zzz`);
    expect(await page.locator('.error-summary').innerText()).toContain('That is not a UK postcode.');
    await page.setViewportSize(DESKTOP);
    await page.goto(`${base}/write/${campaign.slug}?postcode=SW1A+2AA`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'letters-postcode-error-desktop');
    await context.close();
  });

  it('the status page shows only the letters of the one confirmation whose key it has', async () => {
    const campaign = await createOpenLetterCampaign(system.db, { targeting: 'MY_CONSTITUENCY_MSP' });
    const keys: string[] = [];
    for (const who of ['alpha', 'beta']) {
      const email = `status-${who}@example.org`;
      await system
        .http()
        .post(`/write/${campaign.slug}`)
        .type('form')
        .send({
          action: 'send',
          postcode: 'AB2 1DD',
          subject: 'Hello',
          body: `From ${who}`,
          fullName: `Person ${who}`,
          email,
        })
        .expect(303);
      const token = tokenFromMail((await system.mail.waitFor(email)).text, '/letters/confirm');
      const confirmed = await system.http().post('/letters/confirm').type('form').send({ token }).expect(200);
      expect(confirmed.headers['referrer-policy']).toBe('no-referrer');
      const key = /\/letters\/status\?key=([A-Za-z0-9_-]+)/.exec(confirmed.text)?.[1];
      expect(key).toBeDefined();
      keys.push(key!);

      // A used link says so (400, as before) and, to whoever holds it, links to the status page.
      const again = await system.http().post('/letters/confirm').type('form').send({ token });
      expect(again.status).toBe(400);
      expect(again.text).toContain('This link no longer works');
      expect(again.text).toContain(`/letters/status?key=${key}`);
      // The copy of the letter carries the status link too.
      expect((await system.mail.waitFor(email, 2)).text).toContain(`/letters/status?key=${key}`);
    }
    expect(keys[0]).not.toBe(keys[1]);
    for (const key of keys) {
      const page = await system
        .http()
        .get(`/letters/status?key=${key}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('noindex');
      expect(page.text.match(/data-status=/g)).toHaveLength(1);
      expect(page.text).not.toMatch(/Person (alpha|beta)|status-(alpha|beta)|From (alpha|beta)/);
    }
    // No key, a wrong key, or another confirmation's token: nothing.
    for (const path of [
      '/letters/status',
      '/letters/status?key=nope',
      `/letters/status?key=${keys[0].slice(1)}x`,
    ]) {
      const res = await system.http().get(path).set('Accept', 'text/html');
      expect(res.status).toBe(404);
      expect(res.text).toContain('Page not found');
    }
  });

  it('a campaign to fixed targets shows them, asks for a postcode, and previews each letter', async () => {
    const minister = await system.db.getRepository(Target).save({
      kind: 'INSTITUTION',
      name: 'Minister for Drugs Policy',
      title: 'Minister',
      organisation: 'Scottish Government',
      email: 'minister@gov.example.org',
    });
    const campaign = await createOpenLetterCampaign(system.db, {
      targeting: 'SELECTED_TARGETS',
      targetIds: [minister.id],
      subjectTemplate: 'Drug checking',
      bodyTemplate: 'Dear {{target.name}},\n\nPlease fund drug checking.\n\n{{supporter.fullName}}',
    });
    const { page, context } = await visit(browser, { viewport: PHONE });
    await page.goto(`${base}/write/${campaign.slug}`);
    expect(await page.locator('#fixed-title').innerText()).toBe('Your letter goes to');
    expect(await page.locator('main').innerText()).toContain('Minister, Scottish Government');
    // No MSP look-up for a campaign to fixed targets.
    expect(await page.locator('[data-representatives]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#f-postcode', 'AB2 1DD');
    await submitAndWait(page, () => page.click('button[type=submit]'));
    expect(await page.locator('#recipients-title').innerText()).toBe('Your letter goes to 1 person');
    await page.fill('#f-fullName', 'Ailsa Fixed');
    await submitAndWait(page, () => page.click('button[value="preview"]'));
    expect(await page.locator('[data-preview]').innerText()).toContain('Dear Minister for Drugs Policy,');
    expect(await page.locator('[data-preview]').innerText()).toContain('Ailsa Fixed');
    expect(await page.locator('.preview__share').innerText()).toBe('You have not changed the letter yet.');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('closed campaigns say so, drafts are not public, and the form answers the same for a known writer', async () => {
    const closed = await createOpenLetterCampaign(system.db, { status: 'CLOSED' });
    const draft = await createOpenLetterCampaign(system.db, { status: 'DRAFT' });
    const open = await createOpenLetterCampaign(system.db);

    const list = await system.http().get('/write').set('Accept', 'text/html').expect(200);
    expect(list.text).toContain(open.title);
    expect(list.text).not.toContain(closed.title);
    expect(list.text).not.toContain(draft.title);

    const closedPage = await system.http().get(`/write/${closed.slug}?postcode=AB2+1DD`).expect(200);
    expect(closedPage.text).toContain('This letter campaign has closed.');
    expect(closedPage.text).not.toContain('<form');
    const missing = await system.http().get(`/write/${draft.slug}`).set('Accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain(draft.title);

    const form = {
      action: 'send',
      postcode: 'AB2 1DD',
      subject: 'Drug checking',
      body: 'My own words, twice.',
      fullName: 'Repeat Writer',
      email: 'repeat-writer@example.org',
    };
    const first = await system.http().post(`/write/${open.slug}`).type('form').send(form);
    const again = await system.http().post(`/write/${open.slug}`).type('form').send(form);
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(first.headers['set-cookie']).toBeUndefined();

    // Every page is CSP-safe: no inline scripts or styles, no style attributes, no handlers.
    for (const path of [
      '/write',
      `/write/${open.slug}`,
      `/write/${open.slug}?postcode=AB2+1DD`,
      `/embed/write/${open.slug}`,
    ]) {
      const res = await system.http().get(path).set('Accept', 'text/html');
      expect(cspSafe(res.text)).toEqual([]);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const preview = await system
      .http()
      .post(`/write/${open.slug}`)
      .type('form')
      .send({ ...form, action: 'preview' });
    expect(preview.status).toBe(200);
    expect(cspSafe(preview.text)).toEqual([]);
  });

  it.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])(
    'the embed: framed by an allowed origin (and reports its height), refused to any other, stays in its frame, %s',
    async (_label, javaScript) => {
      const email = `framed-${javaScript ? 'js' : 'nojs'}@example.org`;
      const campaign = await createOpenLetterCampaign(system.db);
      const embed = `${base}/embed/write/${campaign.slug}`;
      const head = await system.http().get(`/embed/write/${campaign.slug}`).set('Accept', 'text/html');
      expect(head.headers['content-security-policy']).toContain(`frame-ancestors ${allowed.origin}`);

      const { page, context, requests } = await visit(browser, { viewport: PHONE, javaScript });
      await page.goto(allowed.frame(embed));
      const frame = page.frameLocator('#crm');
      await frame.locator('#f-postcode').waitFor();
      expect(await frame.locator('header').count()).toBe(0);
      if (javaScript) {
        await page.waitForFunction(
          () => (window as unknown as { heights: number[] }).heights.length > 0,
          undefined,
          {
            timeout: 20_000,
          },
        );
      }
      // Without leaving the frame: the postcode, then the letter form, which posts to /embed/.
      await frame.locator('#f-postcode').fill('AB2 1DD');
      await frame.locator('button[type=submit]').click();
      await frame.locator('#recipients-title').waitFor();
      expect(page.frames().some((f) => f.url().startsWith(`${embed}?postcode=`))).toBe(true);
      expect(await frame.locator('form[method="post"]').getAttribute('action')).toBe(
        `/embed/write/${campaign.slug}`,
      );
      await frame.locator('#f-body').fill('In my own words: please fund drug checking.');
      await frame.locator('#f-fullName').fill('Framed Writer');
      await frame.locator('#f-email').fill(email);
      await frame.locator('button[value="send"]').click();
      await frame.locator('.panel').waitFor();
      expect(page.frames().some((f) => f.url() === `${embed}/check-email`)).toBe(true);
      expect(page.url()).toBe(allowed.frame(embed));
      await system.mail.waitFor(email);
      expect(requests.filter((url) => !url.startsWith(base) && !url.startsWith(allowed.origin))).toEqual([]);
      await page.goto(embed);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `letters-embed-phone${javaScript ? '' : '-nojs'}`);
      await context.close();
      if (!javaScript) {
        return;
      }

      // Another origin: the browser refuses to show the embed in its frame.
      const blocked = await visit(browser, { viewport: PHONE });
      await blocked.page.goto(other.frame(embed));
      await blocked.page.waitForTimeout(1500);
      const inner = blocked.page.frames().find((f) => f !== blocked.page.mainFrame());
      expect(inner).toBeDefined();
      expect(await inner!.locator('#f-postcode').count()).toBe(0);
      expect(
        await blocked.page.evaluate(() => (window as unknown as { heights: number[] }).heights.length),
      ).toBe(0);
      await blocked.context.close();
    },
  );

  it('every page at desktop width', async () => {
    const campaign = await createOpenLetterCampaign(system.db, { requirePersonalisation: true });
    const { page, context, responses } = await visit(browser, { viewport: DESKTOP });
    await page.goto(`${base}/write`);
    await screenshot(page, 'letters-list-desktop');
    await page.goto(`${base}/write/${campaign.slug}`);
    await page.waitForLoadState('networkidle');
    const sizes = await budget(responses, base);
    expect(sizes.js).toBeGreaterThan(0);
    expect(sizes.js).toBeLessThanOrEqual(30 * 1024);
    expect(sizes.total).toBeLessThanOrEqual(120 * 1024 * 2);
    await screenshot(page, 'letters-campaign-desktop');
    await page.goto(`${base}/write/${campaign.slug}?postcode=AB2+1DD`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'letters-letter-desktop');
    await page.fill('#f-fullName', 'Desk Writer');
    await page.fill('#f-email', 'desk-writer@example.org');
    await submitAndWait(page, () => page.click('button[value="send"]'));
    await screenshot(page, 'letters-error-desktop');
    await page.fill('#f-body', `${LETTER_BODY}\n\nI have seen what drug checking does at festivals.`);
    await submitAndWait(page, () => page.click('button[value="preview"]'));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'letters-preview-desktop');
    await submitAndWait(page, () => page.click('button[value="send"]'));
    await screenshot(page, 'letters-check-email-desktop');
    const mail = await system.mail.waitFor('desk-writer@example.org');
    await page.goto(localLink(mail.text, '/letters/confirm', base));
    await screenshot(page, 'letters-confirm-desktop');
    await submitAndWait(page, () => page.click('main button[type=submit]'));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'letters-thanks-desktop');
    await page.click('main a[href^="/letters/status?key="]:not(.button)');
    await page.waitForLoadState('load');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'letters-status-desktop');
    await page.goto(`${base}/embed/write/${campaign.slug}`);
    await screenshot(page, 'letters-embed-desktop');
    await context.close();
  });
});

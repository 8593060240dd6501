import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import type { TestSystem } from './test-system';

/** Debian's Chromium (apt-get install chromium); never a browser downloaded by a test tool. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Makes the api listen on a real port (the browser needs one) and returns its base URL. */
export async function listen(system: TestSystem): Promise<string> {
  const server = system.api.getHttpServer();
  if (!server.listening) {
    await system.api.listen(0, '127.0.0.1');
  }
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Body reads still under way, by the list they will add to (so sizes are never counted early). */
const PENDING = new WeakMap<Visit['responses'], Array<Promise<unknown>>>();

/** Contexts whose pages run no scripts. */
const SCRIPTLESS = new WeakSet<BrowserContext>();

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /**
   * Each response's URL, content type and gzip-compressed size, and which page of the visit it
   * belongs to (1 for the first document the tab loaded, 2 for the next…).
   */
  responses: Array<{ url: string; type: string; gzipBytes: number; document: number }>;
}

/** A fresh browser context (no cookies, no cache) and page, recording what it loads. */
export async function visit(
  browser: Browser,
  options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Visit> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: options.viewport ?? DESKTOP,
  });
  if (options.javaScript === false) {
    SCRIPTLESS.add(context);
  }
  const page = await context.newPage();
  const requests: string[] = [];
  const responses: Visit['responses'] = [];
  page.on('request', (request) => requests.push(request.url()));
  let document = 0;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
      document += 1;
    }
    const loadedBy = document;
    const read = response
      .body()
      .then((body) =>
        responses.push({
          url: response.url(),
          type: response.headers()['content-type'] ?? '',
          gzipBytes: gzipSync(body).length,
          document: loadedBy,
        }),
      )
      .catch(() => undefined);
    PENDING.set(responses, [...(PENDING.get(responses) ?? []), read]);
  });
  return { context, page, requests, responses };
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core's minified build: the same rules as the `source` @axe-core/playwright injects, in less than
 * half the bytes to send to the page and parse on every check.
 */
const AXE_SOURCE = readFileSync(
  require.resolve('axe-core/axe.min.js', { paths: [dirname(require.resolve('@axe-core/playwright'))] }),
  'utf8',
);

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/**
 * axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules: the page must have no violations. axe is
 * a script, so a page shown without JavaScript is checked as the same HTML, served from the same
 * address, in a context where scripts run.
 *
 * A page without frames is analysed with one injection of axe and one `axe.run` (what
 * @axe-core/playwright's legacy mode does, without its second injection). A page with frames goes
 * through @axe-core/playwright's AxeBuilder, which injects axe into each frame and merges the
 * answers in a blank page.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  return withScripts(page, async (target) => {
    const results =
      target.frames().length > 1
        ? await new AxeBuilder({ page: target, axeSource: AXE_SOURCE }).withTags(AXE_TAGS).analyze()
        : await runAxe(target);
    return results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  });
}

/** axe.run on a page without frames: only the WCAG tags' rules, and details of violations only. */
async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(
    (tags) =>
      (
        window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
}

/** For each browser, a context with scripts per viewport size, and its one page: scratch copies. */
const SCRATCH = new WeakMap<Browser, Map<string, Promise<{ page: Page; html: string }>>>();

/** The address a scratch copy is served from, on the origin of the page it copies. */
const COPY_PATH = '/__scripted-copy__';

/**
 * Runs a check that needs scripts (axe, layout measurements) on the page; a page shown without
 * JavaScript is checked as the same HTML, from the same origin and at the same size, in a context
 * where scripts run. That context and its page are made once per browser and size and reused (the
 * supporter pages keep nothing in storage); the copy is loaded again only when the HTML or origin
 * differs from what it shows, so axe and the overflow check on one page share one load.
 */
async function withScripts<T>(page: Page, check: (target: Page) => Promise<T>): Promise<T> {
  if (!SCRIPTLESS.has(page.context())) {
    return check(page);
  }
  const html = await page.content();
  const url = `${new URL(page.url()).origin}${COPY_PATH}`;
  const scratch = await scratchPage(page.context().browser()!, page.viewportSize() ?? DESKTOP);
  if (scratch.page.url() !== url || scratch.html !== html) {
    scratch.html = html;
    await scratch.page.goto(url);
  }
  return check(scratch.page);
}

function scratchPage(browser: Browser, viewport: { width: number; height: number }) {
  const byBrowser = SCRATCH.get(browser) ?? new Map<string, Promise<{ page: Page; html: string }>>();
  SCRATCH.set(browser, byBrowser);
  const size = `${viewport.width}x${viewport.height}`;
  let scratch = byBrowser.get(size);
  if (!scratch) {
    scratch = (async () => {
      const context = await browser.newContext({ viewport });
      const copy = { page: await context.newPage(), html: '' };
      await copy.page.route(`**${COPY_PATH}`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: copy.html }),
      );
      return copy;
    })();
    byBrowser.set(size, scratch);
  }
  return scratch;
}

/** Runs `action` (a click or a key press that submits) and waits for the page it loads. */
export async function submitAndWait(page: Page, action: () => Promise<void>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: 20_000,
  });
  await action();
  await navigated;
  await page.waitForLoadState('load');
}

/** Nothing scrolls sideways: the document is no wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return withScripts(page, (target) =>
    target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  );
}

/** Whether `selector` has the keyboard focus (works without JavaScript in the page). */
export async function hasFocus(page: Page, selector: string): Promise<boolean> {
  return (await page.locator(`${selector}:focus`).count()) > 0;
}

/** Presses Tab until `selector` has focus (keyboard only), failing after 60 presses. */
export async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if (await hasFocus(page, selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${selector} with the keyboard`);
}

/** An emailed link (to PUBLIC_URL) as the same path on the test server. */
export function localLink(text: string, path: string, base: string): string {
  const match = new RegExp(`https?://[^/\\s]+${path.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`).exec(
    text,
  );
  if (!match) {
    throw new Error(`No ${path} link in this email`);
  }
  const url = new URL(match[0]);
  return `${base}${url.pathname}${url.search}`;
}

/** Saves a screenshot into docs/screenshots/ when SCREENSHOTS=1 (`npm run screenshots`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') {
    return;
  }
  const dir = join(process.cwd(), 'docs/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Sizes for the budget: compressed JavaScript, and everything but images. */
export async function budget(responses: Visit['responses'], origin: string) {
  await Promise.all(PENDING.get(responses) ?? []);
  const own = responses.filter((r) => r.url.startsWith(origin));
  const js = own.filter((r) => r.type.includes('javascript')).reduce((sum, r) => sum + r.gzipBytes, 0);
  const total = own.filter((r) => !r.type.startsWith('image/')).reduce((sum, r) => sum + r.gzipBytes, 0);
  return { js, total };
}

/**
 * The budget of each page the visit loaded (its document and what the document loaded), so one heavy
 * page cannot hide behind light ones. A redirect's answer counts as a page of its own.
 */
export async function pageBudgets(
  responses: Visit['responses'],
  origin: string,
): Promise<Array<{ document: number; js: number; total: number }>> {
  await Promise.all(PENDING.get(responses) ?? []);
  const documents = [...new Set(responses.map((r) => r.document))].sort((a, b) => a - b);
  return Promise.all(
    documents.map(async (document) => ({
      document,
      ...(await budget(
        responses.filter((r) => r.document === document),
        origin,
      )),
    })),
  );
}

/** The OpenGraph and Twitter tags a shared link's preview is made from. */
export async function socialMeta(page: Page): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for (const key of ['og:title', 'og:description', 'og:url', 'twitter:card']) {
    const attribute = key.startsWith('og:') ? 'property' : 'name';
    const tag = page.locator(`head meta[${attribute}="${key}"]`);
    if ((await tag.count()) > 0) {
      tags[key] = (await tag.first().getAttribute('content')) ?? '';
    }
  }
  return tags;
}

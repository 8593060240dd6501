import type { Browser, Page } from 'playwright-core';
import { Branch } from '@app/branches';
import { CampaignEvent, CheckInKey, Rsvp } from '@app/events';
import { Member } from '@app/members';
import { createBranch, createMember } from '../factories';
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
import { qrLinkFrom } from '../support/qr';
import { TestSystem } from '../support/test-system';

jest.setTimeout(120_000);

const RSVP = `mutation($input: RsvpInput!) { rsvp(input: $input) { status } }`;

/** `2026-12-20T18:30` a week from now, as a datetime-local field takes it. */
function localInput(daysAhead: number, hour: number): string {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

describe('events and the door check-in in the dashboard, in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let glasgow: Branch;
  let organiser: Member;
  let desk: Visit;
  let door: Visit;
  let eventId: string;
  let errors: string[];

  beforeAll(async () => {
    system = await TestSystem.start({ env: { CAMPAIGN_NAME: 'Safer Scotland' } });
    base = await listen(system);
    browser = await launchBrowser();
    glasgow = await createBranch(system.db, { name: 'Glasgow', slug: 'glasgow', postcodeAreas: ['G'] });
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

  function watchErrors(page: Page, seen: string[]): void {
    page.on('console', (message) => {
      // Requests that fail while the phone is offline are expected.
      if (
        message.type() === 'error' &&
        !message.text().startsWith('Failed to load resource') &&
        !message.text().includes('ERR_INTERNET_DISCONNECTED')
      ) {
        seen.push(message.text());
      }
    });
    page.on('pageerror', (error) => seen.push(error.message));
  }

  async function expectGoodScreen(page: Page): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    if ((page.viewportSize()?.width ?? 0) <= PHONE.width) {
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
  }

  const email = (name: string) => `${name.toLowerCase()}@example.org`;

  async function rsvp(name: string): Promise<void> {
    const answer = await system.graphql<{ rsvp: { status: string } }>(RSVP, {
      input: { eventId, fullName: name, email: email(name), emailOptIn: false },
    });
    expect(answer.data?.rsvp.status).toBe('GOING');
  }

  const checkedIn = async () =>
    (await system.db.getRepository(Rsvp).findBy({ eventId }))
      .filter((r) => r.checkedInAt)
      .map((r) => r.fullName)
      .sort();

  it('an organiser creates an event (errors beside the fields), sees it listed, and publishes it', async () => {
    desk = await visit(browser, { viewport: DESKTOP });
    const { page } = desk;
    errors = [];
    watchErrors(page, errors);
    await page.goto(`${base}/organise`);
    await page.getByLabel('Email address').fill(organiser.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    const mail = await system.mail.waitFor(organiser.email);
    await page.goto(localLink(mail.text, '/sign-in', base));
    await submitAndWait(page, () => page.getByRole('button', { name: 'Sign in' }).click());

    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Events' }).click();
    await page.getByRole('heading', { level: 1, name: 'Events of Glasgow' }).waitFor();
    await page.getByText('No upcoming events yet.').waitFor();
    await expectGoodScreen(page);

    // Neither a place nor an online link: the API's own message, beside the field.
    await page.getByLabel('Title').fill('Peer support evening');
    await page.getByLabel('Starts').fill(localInput(7, 18));
    await page.getByLabel('Ends').fill(localInput(7, 20));
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('alert').or(page.locator('.event-form .error').first()).first().waitFor();
    expect(await page.locator('.event-form').innerText()).toMatch(/Error: Please check/);
    expect(await system.db.getRepository(CampaignEvent).count()).toBe(0);

    await page.getByLabel('Place', { exact: true }).fill('Community hall');
    await page.getByLabel('Postcode').fill('G1 1AA');
    await page.getByLabel('Number of places').fill('10');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('heading', { level: 1, name: 'Peer support evening' }).waitFor();
    eventId = new URL(page.url()).pathname.split('/').pop()!;
    expect((await system.db.getRepository(CampaignEvent).findOneByOrFail({ id: eventId })).status).toBe(
      'DRAFT',
    );
    // Only the next step: publish (no cancel yet).
    expect(await page.getByRole('button', { name: 'Cancel event' }).count()).toBe(0);
    await expectGoodScreen(page);

    await page.getByRole('button', { name: 'Publish event' }).click();
    await page.getByRole('button', { name: 'Cancel event' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publish event' }).count()).toBe(0);
    expect((await system.db.getRepository(CampaignEvent).findOneByOrFail({ id: eventId })).status).toBe(
      'PUBLISHED',
    );
    await expectGoodScreen(page);

    await page.getByRole('link', { name: 'All events' }).click();
    await page.getByText('1 upcoming events.').waitFor();
    expect(await page.locator('table.responsive tbody').innerText()).toContain('Peer support evening');
    await expectGoodScreen(page);
  });

  it('at the door on a 360 px phone: by name, by the QR code, and offline, each counted once', async () => {
    for (const name of ['Ailsa', 'Bruce', 'Catriona', 'Donald', 'Euan']) {
      await rsvp(name);
    }
    door = await visit(browser, { viewport: PHONE });
    await door.context.addCookies(await desk.context.cookies());
    const { page, context } = door;
    const doorErrors: string[] = [];
    watchErrors(page, doorErrors);
    await page.goto(`${base}/organise/events/${eventId}/check-in?branch=${glasgow.id}`);
    await page.getByRole('heading', { level: 1, name: 'Check-in: Peer support evening' }).waitFor();
    const figures = page.locator('.door__figures');
    await figures.getByText('0 checked in of 5 expected').waitFor();
    await expectGoodScreen(page);

    // By name.
    await page.getByLabel('Search attendees').fill('ail');
    expect(await page.getByRole('button', { name: 'Check in', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByText('Checked in: Ailsa.').waitFor();
    await figures.getByText('1 checked in of 5 expected').waitFor();
    expect(await checkedIn()).toEqual(['Ailsa']);

    // "Scan a code" loads the scanner (a chunk of its own) and asks for the camera; this browser
    // has none, which it says plainly, and checking in by name goes on.
    const before = door.requests.length;
    await page.getByRole('button', { name: 'Scan a code' }).click();
    await page.getByText(/Error: The camera could not be opened/).waitFor();
    expect(door.requests.slice(before).some((u) => /\/organise\/assets\/Scanner-[^/]+\.js$/.test(u))).toBe(
      true,
    );
    await expectGoodScreen(page);
    await page.getByRole('button', { name: 'Stop scanning' }).click();
    await page.getByRole('button', { name: 'Scan a code' }).waitFor();

    // By the QR code in Bruce's RSVP email, opened as the scanner would.
    const link = qrLinkFrom(await system.mail.waitFor(email('Bruce')));
    const url = new URL(link);
    await page.goto(`${base}${url.pathname}${url.search}${url.hash}`);
    await page.getByText('Checked in: Bruce.').waitFor();
    // The code left the address bar at once.
    expect(new URL(page.url()).hash).toBe('');
    await figures.getByText('2 checked in of 5 expected').waitFor();
    expect(await checkedIn()).toEqual(['Ailsa', 'Bruce']);

    // No signal: two people wait on the phone, shown as checked in.
    await page.getByLabel('Search attendees').fill('');
    await context.setOffline(true);
    await page.getByText('Offline: check-ins are kept on this phone').waitFor();
    for (const name of ['Catriona', 'Donald']) {
      await page.getByLabel('Search attendees').fill(name);
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      await page.getByText(`Checked in: ${name}. Waiting to sync.`).waitFor();
    }
    await figures.getByText('2 waiting to sync').waitFor();
    await figures.getByText('4 checked in of 5 expected').waitFor();
    expect(await checkedIn()).toEqual(['Ailsa', 'Bruce']);
    await page.getByLabel('Search attendees').fill('');
    await expectGoodScreen(page);
    await screenshot(page, 'dashboard-check-in-phone');

    // Signal again: the queue is sent by itself, each check-in once.
    await context.setOffline(false);
    await figures.getByText('Online').waitFor();
    await system.eventually(async () => !(await figures.innerText()).includes('waiting to sync'));
    await figures.getByText('4 checked in of 5 expected').waitFor();
    expect(await checkedIn()).toEqual(['Ailsa', 'Bruce', 'Catriona', 'Donald']);

    // A walk-in without signal, then the page is gone (a reload offline fails): the queue stays
    // in IndexedDB and is sent when the screen opens again with signal.
    await context.setOffline(true);
    await page.getByLabel('Name').fill('Fiona Walkin');
    await page.getByLabel('Email', { exact: true }).fill('fiona@example.org');
    await page.getByRole('button', { name: 'Check in walk-in' }).click();
    await figures.getByText('1 waiting to sync').waitFor();
    await figures.getByText('5 checked in of 6 expected').waitFor();
    await page.reload().catch(() => undefined);
    await context.setOffline(false);
    await page.goto(`${base}/organise/events/${eventId}/check-in?branch=${glasgow.id}`);
    await system.eventually(async () => (await checkedIn()).length === 5);
    await figures.getByText('5 checked in of 6 expected').waitFor();
    await system.eventually(async () => !(await figures.innerText()).includes('waiting to sync'));
    expect(await checkedIn()).toEqual(['Ailsa', 'Bruce', 'Catriona', 'Donald', 'Fiona Walkin']);
    const rows = await system.db.getRepository(Rsvp).findBy({ eventId });
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.walkIn).map((r) => r.fullName)).toEqual(['Fiona Walkin']);
    // One key per check-in made at the door: Ailsa, Bruce, Catriona, Donald and the walk-in.
    expect(await system.db.getRepository(CheckInKey).countBy({ eventId })).toBe(5);
    await expectGoodScreen(page);
    expect(doorErrors).toEqual([]);
  });

  it('the event’s figures follow; cancelling needs the message, then emails it', async () => {
    const { page } = desk;
    await page.goto(`${base}/organise/events/${eventId}?branch=${glasgow.id}`);
    await page.getByRole('heading', { level: 1, name: 'Peer support evening' }).waitFor();
    const figures = await page.locator('.figures').innerText();
    expect(figures).toMatch(/Going\s+6/);
    expect(figures).toMatch(/Checked in\s+5/);
    expect(figures).toMatch(/Walk-ins\s+1/);
    await page.getByText('6 replies, in the order people replied.').waitFor();
    const attendees = await page
      .getByRole('table', { name: 'Attendees' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(attendees).toHaveLength(6);
    expect(attendees.find((row) => row.includes('Fiona Walkin'))).toMatch(
      /\(walk-in\)[\s\S]*Going[\s\S]*Yes/,
    );
    expect(attendees.find((row) => row.includes('Euan'))).toMatch(/Going\s+No/);
    await expectGoodScreen(page);

    await page.getByRole('button', { name: 'Cancel event' }).click();
    await page.getByText('Error: Write the message everyone going or waiting will get.').waitFor();
    expect((await system.db.getRepository(CampaignEvent).findOneByOrFail({ id: eventId })).status).toBe(
      'PUBLISHED',
    );
    await page.getByLabel('Message to attendees').fill('The hall flooded; we will set a new date soon.');
    await page.getByRole('button', { name: 'Cancel event' }).click();
    await page.getByText('Cancelled with this message to attendees').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel event' }).count()).toBe(0);
    // Euan's reply's mail was never awaited: by its subject, not its place, with both arrived.
    await system.mail.waitFor(email('Euan'), 2);
    const cancelled = await system.mail.waitForSubject(email('Euan'), 'Cancelled: Peer support evening');
    expect(system.mail.to(email('Euan'))).toHaveLength(2);
    expect(cancelled.text).toContain('The hall flooded');
    await expectGoodScreen(page);
    expect(errors).toEqual([]);

    // Signing out on the door phone leaves no attendee list on it.
    const phone = door.page;
    const savedLists = () =>
      phone.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('organise-door');
            open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
            open.onsuccess = () => {
              const count = open.result.transaction('attendees').objectStore('attendees').count();
              count.onerror = () => reject(count.error ?? new Error('count failed'));
              count.onsuccess = () => resolve(count.result);
            };
          }),
      );
    expect(await savedLists()).toBeGreaterThan(0);
    await phone.getByRole('button', { name: 'Sign out' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await savedLists()).toBe(0);
  });
});

import type { Browser, Page } from 'playwright-core';
import { AuditEvent } from '@app/core';
import { Commitment } from '@app/pledges';
import { Target } from '@app/targets';
import { createMember, signIn } from '../factories';
import {
  axeViolations,
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  listen,
  PHONE,
  screenshot,
  visit,
  Visit,
} from '../support/browser';
import { TestSystem } from '../support/test-system';

jest.setTimeout(60_000);

describe('the dashboard’s admin screen: imports by upload and pledge commitments, in a real browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let base: string;
  let desk: Visit;
  let errors: string[];

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false, env: { CAMPAIGN_NAME: 'Safer Scotland' } });
    base = await listen(system);
    browser = await launchBrowser();
    const admin = await createMember(system.db, {
      fullName: 'Isla Admin',
      email: 'isla.admin@example.org',
      roles: [{ role: 'ADMIN' }],
    });
    desk = await visit(browser, { viewport: DESKTOP });
    await desk.context.addCookies([{ name: 'crm_session', value: await signIn(system, admin), url: base }]);
    errors = consoleErrors(desk.page);
    await desk.page.goto(`${base}/organise/admin`);
    await desk.page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
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

  it('uploads a targets CSV with one bad line: the report lists it, the good lines are stored', async () => {
    const { page } = desk;
    const imports = page.getByRole('region', { name: 'Imports' });
    const targets = imports.getByRole('form', { name: 'Targets' });

    // No file chosen: the error by the file field, nothing sent.
    await targets.getByRole('button', { name: 'Import targets CSV' }).click();
    await page.locator('#import-targets-error').getByText('Choose a file first.').waitFor();

    await targets.getByLabel('Targets CSV file').setInputFiles({
      name: 'targets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'kind,name,title,organisation,email\n' +
          'INSTITUTION,Scottish Grocers,Office,Scottish Grocers Federation,office@grocers.example.org\n' +
          'MAYOR,Not A Kind,,,mayor@example.org\n' +
          'INDUSTRY_BODY,Hospitality Scotland,Chief executive,Hospitality Scotland,ceo@hospitality.example.org\n',
      ),
    });
    await targets.getByRole('button', { name: 'Import targets CSV' }).click();
    await targets.getByText('Imported: 2 created, 0 updated, 1 rejected.').waitFor();
    const summary = targets.getByRole('table', { name: 'Report: Targets' });
    expect(await summary.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^Created\s+2$/),
      expect.stringMatching(/^Updated\s+0$/),
      expect.stringMatching(/^Rejected\s+1$/),
    ]);
    const rejected = await targets
      .getByRole('table', { name: 'Rejected lines: Targets' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^3\s+\S/);

    const stored = await system.db.getRepository(Target).find({ order: { email: 'ASC' } });
    expect(stored.map((t) => [t.kind, t.email, t.active])).toEqual([
      ['INDUSTRY_BODY', 'ceo@hospitality.example.org', true],
      ['INSTITUTION', 'office@grocers.example.org', true],
    ]);
    expect(await system.db.getRepository(AuditEvent).countBy({ action: 'targets.import' })).toBe(1);
    // The targets list below reloads with them.
    await page.getByRole('region', { name: 'Targets', exact: true }).getByText('2 active targets.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-admin-import');

    // The geography import needs its set named: said by the field, before anything is sent.
    const geography = imports.getByRole('form', { name: 'Constituencies and regions' });
    await geography.getByLabel('Geography CSV file').setInputFiles({
      name: 'geo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('constituency_code,constituency_name,region_code,region_name\n'),
    });
    await geography.getByRole('button', { name: 'Import geography CSV' }).click();
    await page.locator('#import-geography-set-error').waitFor();

    // A refusal from the API (MSP files that are not the Parliament's) is shown by the file field.
    const msps = imports.getByRole('form', { name: 'MSPs from the Scottish Parliament' });
    await msps.getByLabel('The Parliament’s JSON files').setInputFiles({
      name: 'Members.json',
      mimeType: 'application/json',
      buffer: Buffer.from('[]'),
    });
    await msps.getByRole('button', { name: 'Import MSPs' }).click();
    await page.locator('#import-msps-error').waitFor();
    expect(await page.locator('#import-msps-file').getAttribute('aria-invalid')).toBe('true');
    expect(await system.db.getRepository(Target).count()).toBe(2);
  });

  it('adds a pledge commitment, rewords it and retires it; a bad code is refused by its field', async () => {
    const { page } = desk;
    const section = page.getByRole('region', { name: 'Pledge commitments' });
    const table = section.getByRole('table', { name: 'Pledge commitments, in their order' });
    await table.waitFor();
    const before = await system.db.getRepository(Commitment).count();

    await section.getByLabel('Code').fill('Quiet Room');
    await section.getByLabel('Title').fill('A quiet room');
    await section.getByLabel('Description').fill('A calm room anyone can use when they need a break.');
    await section.getByRole('button', { name: 'Add commitment' }).click();
    await page.locator('#commitment-code-error').waitFor();
    expect(await system.db.getRepository(Commitment).count()).toBe(before);

    await section.getByLabel('Code').fill('quiet-room');
    await section.getByLabel('Order in the list').fill('5');
    await section.getByRole('button', { name: 'Add commitment' }).click();
    await section.getByText('Commitment A quiet room added.').waitFor();
    await table.locator('tbody th', { hasText: 'A quiet room' }).waitFor();
    expect(await system.db.getRepository(Commitment).findOneByOrFail({ code: 'quiet-room' })).toMatchObject({
      title: 'A quiet room',
      sortOrder: 5,
      retiredAt: null,
    });
    expect(await axeViolations(page)).toEqual([]);

    await section.getByRole('button', { name: 'Edit A quiet room' }).click();
    await section.getByLabel('Title').fill('A quiet space');
    await section.getByRole('button', { name: 'Save commitment' }).click();
    await section.getByText('Commitment A quiet space saved.').waitFor();
    await section.getByRole('button', { name: 'Retire A quiet space' }).click();
    await section.getByText(/^Commitment A quiet space retired/).waitFor();
    const row = table.locator('tbody tr', { hasText: 'A quiet space' });
    await row.getByText('Retired', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: 'Retire A quiet space' }).count()).toBe(0);
    const retired = await system.db.getRepository(Commitment).findOneByOrFail({ code: 'quiet-room' });
    expect([retired.title, retired.sortOrder, retired.retiredAt instanceof Date]).toEqual([
      'A quiet space',
      5,
      true,
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-admin-commitments');
  });

  it('on a 360 px phone: the imports and commitments fit, no sideways scroll, no violations', async () => {
    const phone = await visit(browser, { viewport: PHONE });
    await phone.context.addCookies(await desk.context.cookies());
    const { page } = phone;
    await page.goto(`${base}/organise/admin`);
    await page.getByRole('button', { name: 'Import MSPs' }).waitFor();
    await page.getByRole('table', { name: 'Pledge commitments, in their order' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-admin-imports-phone');
    await phone.context.close();
  });
});

import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import { Branch } from '@app/branches';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem } from '../support/test-system';

const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishEvent(id: $id) { id } }`;
const RSVP = `mutation($input: RsvpInput!) { rsvp(input: $input) { status } }`;
const HOUR = 3_600_000;

/** Text an organiser or supporter might type, with everything that means something in a line-based format. */
const NASTY = 'Vigil\r\nATTACH:https://evil.example/x.exe\nORGANIZER:mailto:evil@example.org\r; a,b \\ c';
/** What a reader should get back: the same text, line breaks as "\n". */
const READ_BACK = NASTY.replace(/\r\n?/g, '\n');

/** An RFC 5545 TEXT value as written → as meant (ical.js leaves properties it does not know escaped). */
const unescapeText = (value: string): string =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Unfolded content lines (RFC 5545 §3.1). */
const contentLines = (ics: string): string[] =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);

const CALENDAR_PROPERTIES = new Set([
  'version',
  'prodid',
  'name',
  'x-wr-calname',
  'timezone-id',
  'x-wr-timezone',
]);
const EVENT_PROPERTIES = new Set([
  'uid',
  'sequence',
  'dtstamp',
  'dtstart',
  'dtend',
  'summary',
  'location',
  'description',
  'status',
  'url',
  'last-modified',
]);

/** Parses a calendar and checks that it holds only the properties we write, with the text intact. */
function checkCalendar(ics: string, name: string, summaries: string[]): ICAL.Component {
  for (const line of contentLines(ics)) {
    expect(line).not.toMatch(/^(ATTACH|ORGANIZER)[;:]/i);
  }
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  expect(
    calendar
      .getAllProperties()
      .map((p) => p.name)
      .filter((n) => !CALENDAR_PROPERTIES.has(n)),
  ).toEqual([]);
  for (const property of ['name', 'x-wr-calname']) {
    expect(unescapeText(String(calendar.getFirstPropertyValue(property)))).toBe(name);
  }
  const events = calendar.getAllSubcomponents('vevent');
  for (const event of events) {
    expect(
      event
        .getAllProperties()
        .map((p) => p.name)
        .filter((n) => !EVENT_PROPERTIES.has(n)),
    ).toEqual([]);
  }
  expect(events.map((e) => e.getFirstPropertyValue('summary'))).toEqual(summaries);
  return calendar;
}

describe('text from people in line-based formats (iCalendar, CSV, email headers)', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let eventId: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    branch = await createBranch(system.db, { name: NASTY, postcodeAreas: ['DD'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    const startsAt = new Date(Date.now() + 7 * 24 * HOUR);
    const created = await system.graphql<{ createEvent: { id: string } }>(
      CREATE,
      {
        input: {
          branchId: branch.id,
          title: NASTY,
          description: NASTY,
          kind: 'ACTION',
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
          location: { name: NASTY, address: '1 High Street', postcode: 'DD1 1AA' },
        },
      },
      organiser,
    );
    eventId = created.data!.createEvent.id;
    await system.graphql(PUBLISH, { id: eventId }, organiser);
  });
  afterAll(() => system.stop());

  it('escapes CR, LF, ";", "," and "\\" in every calendar value: the event feed, the branch feed, the invitation', async () => {
    const single = await system.http().get(`/events/${eventId}.ics`).expect(200);
    const calendar = checkCalendar(single.text, READ_BACK, [READ_BACK]);
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('description')).toBe(READ_BACK);
    expect(String(vevent.getFirstPropertyValue('location'))).toContain(READ_BACK);

    const feed = await system.http().get(`/branches/${branch.slug}/events.ics`).expect(200);
    checkCalendar(feed.text, `${READ_BACK} events`, [READ_BACK]);

    const email = 'calendar-guest@example.org';
    await system.graphql(RSVP, {
      input: { eventId, fullName: 'Calendar Guest', email, emailOptIn: false },
    });
    const mail = await system.mail.waitFor(email);
    const invitation = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
    checkCalendar(invitation.content.replace(/\r?\n/g, '\r\n'), READ_BACK, [READ_BACK]);

    // The subject carries the title on one line, and nothing in it became a header.
    expect(mail.subject).toBe(`You are going: ${READ_BACK.replace(/\s*\n\s*/g, ' ')}`);
    expect(Object.keys(mail.rawHeaders).filter((h) => /^(attach|organizer|bcc)$/i.test(h))).toEqual([]);
  });

  it('keeps CR, LF, ";", "," and "\\" inside their cell in CSV exports, formula-safe', async () => {
    const names = [
      'Ann\r\nBrown',
      'Bea;=HYPERLINK("http://evil.example")',
      'Cal, "Junior"',
      'Dee \\ Ell',
      '=1+1',
    ];
    for (const [i, fullName] of names.entries()) {
      await system.graphql(RSVP, {
        input: { eventId, fullName, email: `csv-${i}@example.org`, emailOptIn: false },
      });
    }
    const res = await system
      .http()
      .get(`/events/${eventId}/attendees.csv`)
      .set('Authorization', `Bearer ${organiser}`)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    const text = res.body as string;
    const rows = parse<Record<string, string>>(text, { columns: true });
    const byEmail = new Map(rows.map((r) => [r.email, r.full_name]));
    expect(names.map((_, i) => byEmail.get(`csv-${i}@example.org`))).toEqual([
      'Ann\r\nBrown',
      'Bea;=HYPERLINK("http://evil.example")',
      'Cal, "Junior"',
      'Dee \\ Ell',
      `'=1+1`,
    ]);
    // A spreadsheet that splits cells on ";" still sees the quoted cell whole.
    expect(text).toContain('"Bea;=HYPERLINK(""http://evil.example"")"');
    expect(text).toContain('"Dee \\ Ell"');
  });
});

import ICAL from 'ical.js';
import { Branch } from '@app/branches';
import { Certificate, Rsvp } from '@app/events';
import { Member } from '@app/members';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem, tokenFromMail } from '../support/test-system';

const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id status } }`;
const PUBLISH = `mutation($id: ID!) { publishEvent(id: $id) { id status } }`;
const RSVP = `mutation($input: RsvpInput!) { rsvp(input: $input) { status } }`;
const HOUR = 3_600_000;

describe('events, RSVPs and trainings', () => {
  let system: TestSystem;
  let branch: Branch;
  let otherBranch: Branch;
  let organiser: string;
  let otherOrganiser: string;

  async function publishedEvent(overrides: Record<string, unknown> = {}): Promise<string> {
    const startsAt = new Date(Date.now() + 7 * 24 * HOUR);
    const created = await system.graphql<{ createEvent: { id: string } }>(
      CREATE,
      {
        input: {
          branchId: branch.id,
          title: 'Naloxone training',
          kind: 'TRAINING',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * HOUR),
          location: { name: 'Community hall', address: '1 High Street', postcode: 'dd1 1aa' },
          capacity: 10,
          ...overrides,
        },
      },
      organiser,
    );
    if (!created.data) {
      throw new Error(JSON.stringify(created.errors));
    }
    const id = created.data.createEvent.id;
    await system.graphql(PUBLISH, { id }, organiser);
    return id;
  }

  const person = (n: number | string, eventId: string) => ({
    eventId,
    fullName: `Guest ${n}`,
    email: `guest-${n}-${eventId.slice(0, 8)}@example.org`,
    emailOptIn: false,
  });

  beforeAll(async () => {
    system = await TestSystem.start({ env: { SCHEDULE_INTERVAL_MS: '200' } });
    branch = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    otherBranch = await createBranch(system.db, { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    otherOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: otherBranch.id }] }),
    );
  });
  afterAll(() => system.stop());

  it('keeps drafts private, publishes, and scopes organisers to their branch', async () => {
    const startsAt = new Date(Date.now() + 3 * 24 * HOUR);
    const input = {
      branchId: branch.id,
      title: 'Stall at the market',
      kind: 'STALL',
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      onlineUrl: 'https://meet.example.org/stall',
    };
    const refused = await system.graphql(CREATE, { input }, otherOrganiser);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await system.graphql(
      CREATE,
      { input: { ...input, endsAt: startsAt, onlineUrl: null } },
      organiser,
    );
    expect(new Set(bad.errors?.[0].extensions?.fields?.map((f) => f.field))).toEqual(
      new Set(['endsAt', 'location']),
    );

    const created = await system.graphql<{ createEvent: { id: string; status: string } }>(
      CREATE,
      { input },
      organiser,
    );
    const id = created.data!.createEvent.id;
    expect(created.data!.createEvent.status).toBe('DRAFT');
    expect((await system.graphql(`{ event(id: "${id}") { id } }`)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    const foreign = await system.graphql(PUBLISH, { id }, otherOrganiser);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    await system.graphql(PUBLISH, { id }, organiser);
    const listed = await system.graphql<{
      events: { edges: Array<{ node: { id: string; branch: { slug: string } } }> };
    }>('{ events(branchSlug: "dundee") { edges { node { id branch { slug } startsAtLocal spacesLeft } } } }');
    expect(listed.data!.events.edges.map((e) => e.node.id)).toContain(id);
    const elsewhere = await system.graphql<{ events: { totalCount: number } }>(
      '{ events(branchSlug: "glasgow") { totalCount } }',
    );
    expect(elsewhere.data!.events.totalCount).toBe(0);
  });

  it('never exceeds capacity: 100 parallel RSVPs for 10 places give 10 going and 90 waiting', async () => {
    const eventId = await publishedEvent({ kind: 'ACTION', title: 'Vigil', capacity: 10 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        system.graphql<{ rsvp: { status: string } }>(RSVP, { input: person(i, eventId) }),
      ),
    );
    const statuses = results.map((r) => r.data?.rsvp.status);
    expect(statuses.filter((s) => s === 'GOING')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(90);
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'GOING' })).toBe(10);
    const event = await system.graphql<{ event: { spacesLeft: number } }>(
      `{ event(id: "${eventId}") { spacesLeft } }`,
    );
    expect(event.data!.event.spacesLeft).toBe(0);

    // A repeat reply is answered as anyone new would be now (the event is full: WAITLISTED, whatever
    // the person holds, so the answer never tells whether they attend), with no second RSVP and the
    // status already held unchanged.
    const again = await system.graphql(RSVP, {
      input: { ...person(0, eventId), email: person(0, eventId).email.toUpperCase() },
    });
    expect(again.data).toEqual({ rsvp: { status: 'WAITLISTED' } });
    expect(await system.db.getRepository(Rsvp).countBy({ eventId })).toBe(100);
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'GOING' })).toBe(10);
    expect(
      (await system.db.getRepository(Rsvp).findOneByOrFail({ eventId, email: person(0, eventId).email }))
        .status,
    ).toBe(statuses[0]);
  });

  it('mails a place with a cancel link and an invitation; cancelling moves the first waiting person up', async () => {
    const eventId = await publishedEvent({ title: 'Peer support meeting', kind: 'MEETING', capacity: 2 });
    for (const n of [1, 2, 3, 4]) {
      await system.graphql(RSVP, { input: person(n, eventId) });
    }
    const first = await system.mail.waitFor(person(1, eventId).email);
    expect(first.subject).toBe('You are going: Peer support meeting');
    expect(first.attachments.map((a) => a.contentType).sort()).toEqual([
      'image/png', // the check-in QR code (test/e2e/door-check-in)
      expect.stringContaining('text/calendar'),
    ]);
    expect((await system.mail.waitFor(person(3, eventId).email)).subject).toBe(
      'You are on the waiting list: Peer support meeting',
    );

    // The link's page changes nothing; the POST frees the place.
    const token = tokenFromMail(first.text, '/rsvp/cancel');
    await system.http().get(`/rsvp/cancel?token=${token}`).expect(200);
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'GOING' })).toBe(2);
    await system.http().post('/rsvp/cancel').type('form').send({ token }).expect(200);

    const promoted = await system.mail.waitFor(person(3, eventId).email, 2);
    expect(promoted.subject).toBe('A place came free: Peer support meeting');
    const going = await system.db
      .getRepository(Rsvp)
      .find({ where: { eventId, status: 'GOING' }, relations: { member: true } });
    expect(going.map((r) => r.member!.fullName).sort()).toEqual(['Guest 2', 'Guest 3']);
    // Cancelling twice changes nothing more.
    await system.graphql('mutation($token: String!) { cancelRsvp(token: $token) }', { token });
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'GOING' })).toBe(2);
  });

  it('promotes in order when several people cancel at once', async () => {
    const eventId = await publishedEvent({ title: 'Social', kind: 'SOCIAL', capacity: 3 });
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      await system.graphql(RSVP, { input: person(n, eventId) });
    }
    const tokens = await Promise.all(
      [1, 2, 3].map(async (n) =>
        tokenFromMail((await system.mail.waitFor(person(n, eventId).email)).text, '/rsvp/cancel'),
      ),
    );
    await Promise.all(
      tokens.map((token) =>
        system.graphql('mutation($token: String!) { cancelRsvp(token: $token) }', { token }),
      ),
    );
    const going = await system.db
      .getRepository(Rsvp)
      .find({ where: { eventId, status: 'GOING' }, relations: { member: true } });
    expect(going.map((r) => r.member!.fullName).sort()).toEqual(['Guest 4', 'Guest 5', 'Guest 6']);
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'WAITLISTED' })).toBe(1);
  });

  it('refuses replies once closed, and emails everyone when an event is cancelled', async () => {
    const closed = await publishedEvent({ rsvpClosesAt: new Date(Date.now() - HOUR), title: 'Closed' });
    const late = await system.graphql(RSVP, { input: person('late', closed) });
    expect(late.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await system.db.getRepository(Rsvp).countBy({ eventId: closed })).toBe(0);

    const eventId = await publishedEvent({ title: 'March to Parliament', kind: 'ACTION', capacity: 1 });
    await system.graphql(RSVP, { input: person('a', eventId) });
    await system.graphql(RSVP, { input: person('b', eventId) });
    const cancelled = await system.graphql(
      'mutation { cancelEvent(id: "' +
        eventId +
        '", message: "The weather warning makes it unsafe.") { status } }',
      {},
      organiser,
    );
    expect(cancelled.data).toEqual({ cancelEvent: { status: 'CANCELLED' } });
    for (const who of ['a', 'b']) {
      // Their reply's mail and this one may go out in one relay batch, in either order: both awaited
      // (the count alone could be read before the other has arrived), then this one by its subject.
      await system.mail.waitFor(person(who, eventId).email, 2);
      const mail = await system.mail.waitForSubject(
        person(who, eventId).email,
        'Cancelled: March to Parliament',
      );
      expect(system.mail.to(person(who, eventId).email)).toHaveLength(2);
      expect(mail.text).toContain('The weather warning makes it unsafe.');
    }
  });

  it('holds capacity against lowering it, walk-ins and the waiting list at the door', async () => {
    const eventId = await publishedEvent({ title: 'Small group', kind: 'MEETING', capacity: 2 });
    for (const n of ['c1', 'c2', 'c3']) {
      await system.graphql(RSVP, { input: person(n, eventId) });
    }
    const lower = await system.graphql(
      'mutation($input: UpdateEventInput!) { updateEvent(input: $input) { capacity } }',
      { input: { id: eventId, capacity: 1 } },
      organiser,
    );
    expect(lower.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'capacity' }],
    });

    const walkIn = await system.graphql(
      'mutation($input: RsvpInput!) { registerWalkIn(input: $input) { id } }',
      { input: person('door2', eventId) },
      organiser,
    );
    expect(walkIn.errors?.[0].extensions?.code).toBe('CONFLICT');
    const waiting = await system.db.getRepository(Rsvp).findOneByOrFail({ eventId, status: 'WAITLISTED' });
    const atDoor = await system.graphql(
      `mutation { checkIn(rsvpId: "${waiting.id}") { id } }`,
      {},
      organiser,
    );
    expect(atDoor.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'GOING' })).toBe(2);

    // Raising the capacity moves the first person waiting up, and they are emailed.
    await system.graphql(
      'mutation($input: UpdateEventInput!) { updateEvent(input: $input) { capacity } }',
      { input: { id: eventId, capacity: 3 } },
      organiser,
    );
    // Their waiting-list mail was not awaited either: both awaited, then this one by its subject.
    await system.mail.waitFor(person('c3', eventId).email, 2);
    await system.mail.waitForSubject(person('c3', eventId).email, 'A place came free: Small group');
    expect(system.mail.to(person('c3', eventId).email)).toHaveLength(2);
    const bad = await system.graphql('{ event(id: "not-a-uuid") { id } }');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('checks people in, records certificates for trainings, and registers walk-ins', async () => {
    const eventId = await publishedEvent({
      trainingKind: 'naloxone',
      isTraining: true,
      certificateValidMonths: 12,
    });
    await system.graphql(RSVP, { input: person('t1', eventId) });
    const rsvp = await system.db
      .getRepository(Rsvp)
      .findOneOrFail({ where: { eventId }, relations: { member: true } });

    const refused = await system.graphql(
      `mutation { checkIn(rsvpId: "${rsvp.id}") { id } }`,
      {},
      otherOrganiser,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const checked = await system.graphql<{ checkIn: { checkedInAt: string } }>(
      `mutation { checkIn(rsvpId: "${rsvp.id}") { checkedInAt } }`,
      {},
      organiser,
    );
    expect(checked.data!.checkIn.checkedInAt).toBeTruthy();

    const walkIn = await system.graphql<{ registerWalkIn: { walkIn: boolean; status: string } }>(
      'mutation($input: RsvpInput!) { registerWalkIn(input: $input) { walkIn status checkedInAt } }',
      { input: person('door', eventId) },
      organiser,
    );
    expect(walkIn.data!.registerWalkIn).toMatchObject({ walkIn: true, status: 'GOING' });
    const byEmail = await system.graphql(
      'mutation($eventId: ID!, $email: String!) { checkInByEmail(eventId: $eventId, email: $email) { id } }',
      { eventId, email: person('door', eventId).email },
      organiser,
    );
    expect(byEmail.errors).toBeUndefined();

    const event = await system.db.query<Array<{ starts_at: Date }>>(
      'SELECT starts_at FROM event WHERE id = $1',
      [eventId],
    );
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(event[0].starts_at);
    const certificates = await system.db.getRepository(Certificate).findBy({ eventId });
    expect(certificates).toHaveLength(2);
    const [y, m, d] = day.split('-').map(Number);
    const expectedUntil = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    for (const certificate of certificates) {
      expect(certificate).toMatchObject({
        trainingKind: 'naloxone',
        issuedOn: day,
        validUntil: expectedUntil,
      });
    }
    const listed = await system.graphql<{ certificates: Array<{ validUntil: string }> }>(
      `{ certificates(memberId: "${rsvp.memberId}") { trainingKind issuedOn validUntil eventTitle } }`,
      {},
      organiser,
    );
    expect(listed.data!.certificates).toEqual([
      { trainingKind: 'naloxone', issuedOn: day, validUntil: expectedUntil, eventTitle: 'Naloxone training' },
    ]);

    // The person's own data download includes their replies and certificates.
    await system.graphql('mutation($email: String!) { requestMyData(email: $email) }', {
      email: rsvp.member!.email,
    });
    const dataMail = await system.mail.waitForSubject(rsvp.member!.email, 'Your data');
    const dataToken = /\/my-data\?token=([A-Za-z0-9_-]+)/.exec(dataMail.text)![1];
    const download = JSON.parse(
      (await system.http().get(`/my-data?token=${dataToken}`).expect(200)).text,
    ) as {
      eventReplies: Array<{ event: string; status: string }>;
      certificates: Array<{ trainingKind: string; validUntil: string }>;
    };
    expect(download.eventReplies).toEqual([
      expect.objectContaining({ event: 'Naloxone training', status: 'GOING' }),
    ]);
    expect(download.certificates).toEqual([
      { trainingKind: 'naloxone', issuedOn: day, validUntil: expectedUntil },
    ]);

    const attendance = await system.graphql(
      `{ attendance(eventId: "${eventId}") { going waitlisted cancelled checkedIn walkIns } }`,
      {},
      organiser,
    );
    expect(attendance.data).toEqual({
      attendance: { going: 2, waitlisted: 0, cancelled: 0, checkedIn: 2, walkIns: 1 },
    });
    const attendees = await system.graphql<{ eventAttendees: { totalCount: number } }>(
      `{ eventAttendees(eventId: "${eventId}") { totalCount edges { node { fullName checkedInAt } } } }`,
      {},
      otherOrganiser,
    );
    expect(attendees.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('reminds people once, even when the worker restarts', async () => {
    const startsAt = new Date(Date.now() + 2 * HOUR);
    const eventId = await publishedEvent({
      title: 'Soon',
      kind: 'MEETING',
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
    });
    await system.graphql(RSVP, { input: person('r1', eventId) });
    await system.graphql(RSVP, { input: person('r2', eventId) });
    await system.mail.waitFor(person('r1', eventId).email, 2, 10_000);
    // The confirmation and the reminder, in either order (the confirmation's QR code is drawn as it is sent).
    expect(system.mail.to(person('r1', eventId).email).map((m) => m.subject)).toContainEqual(
      expect.stringMatching(/^Reminder: Soon on /),
    );
    await system.mail.waitFor(person('r2', eventId).email, 2, 10_000);

    // The reminder leaves the confirmation's cancel link working.
    const confirmation = system.mail
      .to(person('r1', eventId).email)
      .find((m) => m.subject.startsWith('You are going'))!;
    await system
      .http()
      .post('/rsvp/cancel')
      .type('form')
      .send({ token: tokenFromMail(confirmation.text, '/rsvp/cancel') })
      .expect(200);

    await system.stopWorker();
    await system.startWorker();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      system.mail.to(person('r1', eventId).email).filter((m) => m.subject.startsWith('Reminder')),
    ).toHaveLength(1);
    expect(
      system.mail.to(person('r2', eventId).email).filter((m) => m.subject.startsWith('Reminder')),
    ).toHaveLength(1);
  });

  it('sends a refresher, once, to people whose certificate runs out within 30 days', async () => {
    const past = await publishedEvent({
      trainingKind: 'overdose-response',
      isTraining: true,
      certificateValidMonths: 12,
      startsAt: new Date(Date.now() - 350 * 24 * HOUR),
      endsAt: new Date(Date.now() - 350 * 24 * HOUR + HOUR),
    });
    const next = await publishedEvent({
      title: 'Overdose response refresher',
      trainingKind: 'overdose-response',
      isTraining: true,
      certificateValidMonths: 12,
    });
    const member = await createMember(system.db, { branchId: branch.id, fullName: 'Fiona' });
    await system.db.query(
      `INSERT INTO certificate (member_id, event_id, training_kind, issued_on, valid_until)
       VALUES ($1, $2, 'overdose-response', current_date - 350, current_date + 15)`,
      [member.id, past],
    );
    const mail = await system.mail.waitFor(member.email, 1, 10_000);
    expect(mail.subject).toMatch(/^Your overdose-response training runs out on \d{4}-\d{2}-\d{2}$/);
    expect(mail.text).toContain('Overdose response refresher');
    expect(mail.text).toContain(`/events/${next}.ics`);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(system.mail.to(member.email)).toHaveLength(1);
  });

  it('exports attendees as CSV for the branch organisers, audited, and counts a branch', async () => {
    const eventId = await publishedEvent({ title: 'Export me', kind: 'MEETING' });
    await system.graphql(RSVP, { input: { ...person('csv', eventId), fullName: '=cmd|calc' } });
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
    expect(res.body as string).toContain(`'=cmd|calc`);
    expect(res.body as string).toContain(person('csv', eventId).email);
    await system
      .http()
      .get(`/events/${eventId}/attendees.csv`)
      .set('Authorization', `Bearer ${otherOrganiser}`)
      .expect(404);
    const audited = await system.db.query<Array<{ row_count: number }>>(
      `SELECT row_count FROM audit_event WHERE action = 'event.attendees-export' AND subject_id = $1`,
      [eventId],
    );
    expect(audited).toEqual([{ row_count: 1 }]);

    const figures = await system.graphql<{ branchAttendance: { events: number; going: number } }>(
      `{ branchAttendance(branchId: "${branch.id}") { events going checkedIn } }`,
      {},
      organiser,
    );
    expect(figures.data!.branchAttendance.events).toBeGreaterThan(5);
    const foreign = await system.graphql(
      `{ branchAttendance(branchId: "${branch.id}") { events } }`,
      {},
      otherOrganiser,
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('serves calendars that parse, with the right times across the clock change', async () => {
    // The last Sunday of March 2027: BST starts at 01:00 UTC, so 09:30 UTC is 10:30 in Scotland.
    const startsAt = new Date('2027-03-28T09:30:00Z');
    const eventId = await publishedEvent({
      title: 'Spring stall',
      kind: 'STALL',
      startsAt,
      endsAt: new Date('2027-03-28T11:00:00Z'),
    });
    const res = await system.http().get(`/events/${eventId}.ics`).expect(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(res.text) as unknown[]);
    const timezone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(timezone.getFirstPropertyValue('tzid')).toBe('Europe/London');
    ICAL.TimezoneService.register(timezone);
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(vevent.summary).toBe('Spring stall');
    expect(vevent.startDate.toString()).toBe('2027-03-28T10:30:00');
    expect(vevent.startDate.zone?.tzid).toBe('Europe/London');
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2027-03-28T09:30:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2027-03-28T11:00:00.000Z');

    const feed = await system.http().get('/branches/dundee/events.ics').expect(200);
    const events = new ICAL.Component(ICAL.parse(feed.text) as unknown[]).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toContain('Spring stall');
    await system.http().get('/branches/atlantis/events.ics').expect(404);

    const member = await system.db.getRepository(Member).count();
    expect(member).toBeGreaterThan(0);
  });
});

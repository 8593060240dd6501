import { createHash } from 'node:crypto';
import { Branch } from '@app/branches';
import { CheckInKey, Rsvp } from '@app/events';
import { createBranch, createMember, signIn } from '../factories';
import { createEvent } from '../factories/events';
import { qrLinkFrom } from '../support/qr';
import { TestSystem } from '../support/test-system';

const RSVP = `mutation($input: RsvpInput!) { rsvp(input: $input) { status } }`;
const CHECK_IN = `mutation($rsvpId: ID!, $key: ID) { checkIn(rsvpId: $rsvpId, idempotencyKey: $key) { id fullName checkedInAt } }`;
const BY_CODE = `mutation($eventId: ID!, $code: String!, $key: ID) {
  checkInByCode(eventId: $eventId, code: $code, idempotencyKey: $key) { id fullName checkedInAt }
}`;
const WALK_IN = `mutation($input: RsvpInput!, $key: ID) {
  registerWalkIn(input: $input, idempotencyKey: $key) { id fullName walkIn checkedInAt }
}`;
const ATTENDANCE = `query($eventId: ID!) { attendance(eventId: $eventId) { going checkedIn walkIns } }`;

describe('check-in at the door: idempotency keys and QR codes', () => {
  let system: TestSystem;
  let glasgow: Branch;
  let organiser: string;
  let dundeeOrganiser: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    glasgow = await createBranch(system.db, { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'] });
    const dundee = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: glasgow.id }] }),
    );
    dundeeOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: dundee.id }] }),
    );
  });
  afterAll(() => system.stop());

  async function replied(eventId: string, name: string): Promise<Rsvp> {
    const email = `${name.toLowerCase()}-${eventId.slice(0, 8)}@example.org`;
    const answer = await system.graphql(RSVP, {
      input: { eventId, fullName: name, email, emailOptIn: false },
    });
    expect(answer.errors).toBeUndefined();
    return system.db.getRepository(Rsvp).findOneByOrFail({ eventId, email });
  }

  it('the same idempotency key sent ten times at once is one check-in with one answer', async () => {
    const event = await createEvent(system.db, {
      branchId: glasgow.id,
      isTraining: false,
      trainingKind: null,
    });
    const rsvp = await replied(event.id, 'Ailsa');
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        system.graphql<{ checkIn: { id: string; checkedInAt: string } }>(
          CHECK_IN,
          { rsvpId: rsvp.id, key },
          organiser,
        ),
      ),
    );
    expect(answers.map((a) => a.errors)).toEqual(Array(10).fill(undefined));
    expect(new Set(answers.map((a) => a.data!.checkIn.checkedInAt)).size).toBe(1);
    expect(await system.db.getRepository(CheckInKey).countBy({ idempotencyKey: key })).toBe(1);
    expect(await system.db.getRepository(CheckInKey).countBy({ eventId: event.id })).toBe(1);

    // Another key for the same person (a second phone at the door): still checked in once.
    const again = await system.graphql(CHECK_IN, { rsvpId: rsvp.id, key: crypto.randomUUID() }, organiser);
    expect(again.errors).toBeUndefined();
    const figures = await system.graphql<{ attendance: { checkedIn: number } }>(
      ATTENDANCE,
      { eventId: event.id },
      organiser,
    );
    expect(figures.data!.attendance.checkedIn).toBe(1);

    // The key used at another event is refused, and nothing changes there.
    const other = await createEvent(system.db, {
      branchId: glasgow.id,
      isTraining: false,
      trainingKind: null,
    });
    const otherRsvp = await replied(other.id, 'Bruce');
    const reused = await system.graphql(CHECK_IN, { rsvpId: otherRsvp.id, key }, organiser);
    expect(reused.errors?.[0].extensions?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(
      (await system.db.getRepository(Rsvp).findOneByOrFail({ id: otherRsvp.id })).checkedInAt,
    ).toBeNull();

    // Not a UUID: bad input.
    const bad = await system.graphql(CHECK_IN, { rsvpId: rsvp.id, key: 'not-a-uuid' }, organiser);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a walk-in replayed with its key (ten at once) is one person, counted once', async () => {
    const event = await createEvent(system.db, {
      branchId: glasgow.id,
      isTraining: false,
      trainingKind: null,
    });
    const key = crypto.randomUUID();
    const input = {
      eventId: event.id,
      fullName: 'Catriona Door',
      email: 'catriona@example.org',
      emailOptIn: false,
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        system.graphql<{ registerWalkIn: { id: string } }>(WALK_IN, { input, key }, organiser),
      ),
    );
    expect(answers.map((a) => a.errors)).toEqual(Array(10).fill(undefined));
    expect(new Set(answers.map((a) => a.data!.registerWalkIn.id)).size).toBe(1);
    const rows = await system.db.getRepository(Rsvp).findBy({ eventId: event.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ walkIn: true, status: 'GOING' });
    expect(rows[0].checkedInAt).not.toBeNull();
    expect(await system.db.getRepository(CheckInKey).countBy({ eventId: event.id })).toBe(1);
  });

  it('the RSVP email’s QR code checks the person in for the event’s organisers only', async () => {
    const event = await createEvent(system.db, {
      branchId: glasgow.id,
      isTraining: false,
      trainingKind: null,
    });
    const rsvp = await replied(event.id, 'Donald');
    const mail = await system.mail.waitFor(rsvp.email);
    const link = qrLinkFrom(mail);
    // The link is in the text too, and the code sits after '#' so it never reaches a server log.
    expect(mail.text).toContain(link);
    expect(link).toMatch(
      new RegExp(`^http://crm\\.test/organise/events/${event.id}/check-in#code=[A-Za-z0-9_-]{43}$`),
    );
    const code = decodeURIComponent(link.slice(link.indexOf('#code=') + 6));

    // Stored hashed, never as it is.
    const stored = await system.db.getRepository(Rsvp).findOneByOrFail({ id: rsvp.id });
    expect(stored.checkInCodeHash).toBe(createHash('sha256').update(code).digest('hex'));
    const dump = JSON.stringify(await system.db.query('SELECT * FROM rsvp WHERE id = $1', [rsvp.id]));
    expect(dump).not.toContain(code);

    // Another branch's organiser is refused, and nothing changes.
    const refused = await system.graphql(BY_CODE, { eventId: event.id, code }, dundeeOrganiser);
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // No session at all: refused too.
    const anonymous = await system.graphql(BY_CODE, { eventId: event.id, code });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.db.getRepository(Rsvp).findOneByOrFail({ id: rsvp.id })).checkedInAt).toBeNull();

    // A code nobody was given, or this one at another event: the one invalid-link error.
    const unknown = await system.graphql(BY_CODE, { eventId: event.id, code: 'x'.repeat(43) }, organiser);
    expect(unknown.errors?.[0].extensions?.reason).toBe('LINK_EXPIRED');
    const other = await createEvent(system.db, {
      branchId: glasgow.id,
      isTraining: false,
      trainingKind: null,
    });
    const elsewhere = await system.graphql(BY_CODE, { eventId: other.id, code }, organiser);
    expect(elsewhere.errors?.[0].extensions?.reason).toBe('LINK_EXPIRED');
    expect((await system.db.getRepository(Rsvp).findOneByOrFail({ id: rsvp.id })).checkedInAt).toBeNull();

    // The event's organiser: checked in, and told who it is.
    const key = crypto.randomUUID();
    const done = await system.graphql<{ checkInByCode: { id: string; fullName: string } }>(
      BY_CODE,
      { eventId: event.id, code, key },
      organiser,
    );
    expect(done.errors).toBeUndefined();
    expect(done.data!.checkInByCode).toMatchObject({ id: rsvp.id, fullName: 'Donald' });
    expect((await system.db.getRepository(Rsvp).findOneByOrFail({ id: rsvp.id })).checkedInAt).not.toBeNull();
    expect(await system.db.getRepository(CheckInKey).countBy({ idempotencyKey: key, rsvpId: rsvp.id })).toBe(
      1,
    );
  });
});

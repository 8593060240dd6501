import { DataSource } from 'typeorm';
import { domainErrorFrom } from '@app/core';
import { EventsModule, Rsvp, RsvpService } from '@app/events';
import { createBranch } from '../factories';
import { createEvent } from '../factories/events';
import { DomainHarness } from '../support/domain-harness';
import { tokenFromMail } from '../support/test-system';

/** RSVPs through the service alone: capacity under simultaneous replies, the waitlist, closing. */
describe('events (domain services, real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let rsvps: RsvpService;

  beforeAll(async () => {
    harness = await DomainHarness.start([EventsModule], { REPEAT_WINDOW_SECONDS: '0' });
    db = harness.db;
    rsvps = harness.get(RsvpService);
  });
  afterAll(() => harness.stop());

  const person = (eventId: string, n: number) => ({
    eventId,
    fullName: `Guest ${n}`,
    email: `guest-${n}@example.org`,
    postcode: null,
    emailOptIn: false,
  });

  it('never gives more places than the event has, however many reply at once; the rest wait in order', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: 3 });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => rsvps.rsvp(person(event.id, n))));
    expect(answers.filter((a) => a === 'GOING')).toHaveLength(3);
    expect(answers.filter((a) => a === 'WAITLISTED')).toHaveLength(5);
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id, status: 'GOING' })).toBe(3);

    // A place given back goes to whoever has waited longest.
    const going = await db.getRepository(Rsvp).findOneByOrFail({ eventId: event.id, status: 'GOING' });
    const [mail] = await db.query<Array<{ text_body: string }>>(
      `SELECT text_body FROM outbox_message WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
      [going.email],
    );
    const firstWaiting = await db
      .getRepository(Rsvp)
      .findOneOrFail({ where: { eventId: event.id, status: 'WAITLISTED' }, order: { queuedAt: 'ASC' } });
    await rsvps.cancel(tokenFromMail(mail.text_body, '/rsvp/cancel'));
    expect(await db.getRepository(Rsvp).findOneByOrFail({ id: firstWaiting.id })).toMatchObject({ status: 'GOING' });
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id, status: 'GOING' })).toBe(3);
    // Following the same cancel link again changes nothing.
    await rsvps.cancel(tokenFromMail(mail.text_body, '/rsvp/cancel'));
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id, status: 'GOING' })).toBe(3);
  });

  it('refuses replies once they have closed, with a reason a client can act on', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, rsvpClosesAt: new Date(Date.now() - 60_000) });
    const error = await rsvps.rsvp(person(event.id, 99)).catch((e: unknown) => e);
    expect(domainErrorFrom(error)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RSVP_CLOSED' });
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id })).toBe(0);
  });
});

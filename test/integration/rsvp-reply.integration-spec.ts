import { DataSource } from 'typeorm';
import { domainErrorFrom } from '@app/core';
import { CampaignEvent, EventsModule, Rsvp, RsvpRepository, RsvpService } from '@app/events';
import { OutboxMessage } from '@app/mail';
import { ConsentRecord, Member } from '@app/members';
import { createBranch, createMember } from '../factories';
import { createEvent } from '../factories/events';
import { DomainHarness } from '../support/domain-harness';

/**
 * A reply's common case in one statement (RsvpRepository.replyIfNew, the rsvp_reply function), and
 * every other case handed to the full path with nothing written: watched through the service, so
 * each case is known to have taken the path it should (the repository is observed, not replaced).
 */
describe('a reply in one statement (real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let rsvps: RsvpService;
  let outcomes: string[];

  beforeAll(async () => {
    // Events kept for a minute once read, so what each case reads is known whatever the machine's pace.
    harness = await DomainHarness.start([EventsModule], {
      REPEAT_WINDOW_SECONDS: '10',
      PUBLIC_READ_CACHE_MS: '60000',
    });
    db = harness.db;
    rsvps = harness.get(RsvpService);
    const rows = harness.get(RsvpRepository);
    const replyIfNew = rows.replyIfNew.bind(rows);
    jest.spyOn(rows, 'replyIfNew').mockImplementation(async (...args) => {
      const found = await replyIfNew(...args);
      outcomes.push(found.outcome);
      return found;
    });
  });
  beforeEach(() => {
    outcomes = [];
  });
  afterAll(() => harness.stop());

  let n = 0;
  const person = (eventId: string, extra: Record<string, unknown> = {}) => {
    n += 1;
    return {
      eventId,
      fullName: `Guest ${n}`,
      email: `guest-${n}@example.org`,
      postcode: 'DD1 1AA',
      emailOptIn: true,
      ...extra,
    };
  };
  const mailTo = (email: string) => db.getRepository(OutboxMessage).findBy({ toAddress: email });

  it('writes a new person’s record, consent, reply and email in one statement, going or waiting as places allow', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: 1 });
    const first = person(event.id);
    const second = person(event.id);
    expect(await rsvps.rsvp(first)).toBe('GOING');
    expect(await rsvps.rsvp(second)).toBe('WAITLISTED');
    expect(outcomes).toEqual(['added', 'added']);

    const member = await db.getRepository(Member).findOneByOrFail({ email: first.email });
    expect(member).toMatchObject({
      branchId: branch.id,
      provisional: false,
      emailOptIn: true,
      postcode: 'DD1 1AA',
    });
    expect(await db.getRepository(ConsentRecord).findBy({ memberId: member.id })).toEqual([
      expect.objectContaining({ source: 'rsvp', emailOptIn: true }),
    ]);
    const going = await db.getRepository(Rsvp).findOneByOrFail({ email: first.email });
    expect(going).toMatchObject({ status: 'GOING', memberId: member.id, walkIn: false });
    expect(going.checkInCodeHash).not.toBeNull();
    const waiting = await db.getRepository(Rsvp).findOneByOrFail({ email: second.email });
    expect(waiting).toMatchObject({ status: 'WAITLISTED', checkInCodeHash: null });

    // One email each, the one its answer calls for, counted by the mail cap when it is queued.
    const [goingMail] = await mailTo(first.email);
    expect(goingMail).toMatchObject({ template: 'rsvp-going', mailCapKind: 'rsvp' });
    expect(goingMail.attachments?.map((a) => a.filename).sort()).toEqual(['check-in-code.png', 'invite.ics']);
    const [waitingMail] = await mailTo(second.email);
    expect(waitingMail).toMatchObject({ template: 'rsvp-waitlisted', mailCapKind: 'rsvp' });
    expect(await mailTo(first.email)).toHaveLength(1);
    expect(await mailTo(second.email)).toHaveLength(1);
  });

  it('answers a double-click alike and writes nothing more', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: 5 });
    const input = person(event.id);
    expect(await Promise.all([rsvps.rsvp(input), rsvps.rsvp(input), rsvps.rsvp(input)])).toEqual([
      'GOING',
      'GOING',
      'GOING',
    ]);
    expect(outcomes.filter((o) => o === 'added')).toHaveLength(1);
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id })).toBe(1);
    expect(await mailTo(input.email)).toHaveLength(1);
  });

  it('hands every other case to the full path with nothing written and no claim kept', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: 5 });
    const recentRequests = async () =>
      Number((await db.query<Array<{ n: string }>>('SELECT count(*) AS n FROM recent_request'))[0].n);

    // An address whose own record is another branch's: a provisional record, by the full path.
    const elsewhere = await createMember(db, { branchId: (await createBranch(db)).id });
    const claimsBefore = await recentRequests();
    expect(await rsvps.rsvp(person(event.id, { email: elsewhere.email }))).toBe('GOING');
    expect(outcomes).toEqual(['slow']);
    // The full path claimed it once (the statement gave its claim back).
    expect(await recentRequests()).toBe(claimsBefore + 1);
    expect(
      await db.getRepository(Member).findOneByOrFail({ email: elsewhere.email, branchId: branch.id }),
    ).toMatchObject({ provisional: true });

    // The same address again in other words: the reply is there, so the full path tells its owner.
    outcomes = [];
    expect(await rsvps.rsvp(person(event.id, { email: elsewhere.email, fullName: 'Someone Else' }))).toBe(
      'GOING',
    );
    expect(outcomes).toEqual(['slow']);
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id })).toBe(1);

    // An event changed since it was read: read again, and the email says what it says now.
    outcomes = [];
    await rsvps.rsvp(person(event.id));
    await db.getRepository(CampaignEvent).update(event.id, { title: 'Naloxone training, new room' });
    const late = person(event.id);
    expect(await rsvps.rsvp(late)).toBe('GOING');
    expect(outcomes).toEqual(['added', 'changed']);
    const [lateMail] = await mailTo(late.email);
    expect(lateMail.subject).toContain('Naloxone training, new room');
  });

  it('finds the branch’s provisional record however the address is cased, and adds no record of its own', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id });
    // A provisional record whose address has no own record any more (it was never confirmed).
    const held = await createMember(db, { branchId: branch.id, provisional: true });
    expect(await rsvps.rsvp(person(event.id, { email: held.email.toUpperCase() }))).toBe('GOING');
    expect(outcomes).toEqual(['slow']);
    const records = await db.query<Array<{ id: string }>>('SELECT id FROM member WHERE email = $1::citext', [
      held.email,
    ]);
    expect(records.map((r) => r.id)).toEqual([held.id]);
    expect(await db.getRepository(Rsvp).findOneByOrFail({ eventId: event.id })).toMatchObject({
      memberId: held.id,
    });
  });

  it('answers identical replies at once alike, whichever path each takes, with one reply and no error', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: 50 });
    // Known in another branch: the statement hands it to the full path, which identical requests
    // reach while others are still in the statement. Each path claims before it locks the event.
    const elsewhere = await createMember(db, { branchId: (await createBranch(db)).id });
    const input = person(event.id, { email: elsewhere.email });
    const others = Array.from({ length: 10 }, () => person(event.id));
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => rsvps.rsvp(input)),
      ...others.map((other) => rsvps.rsvp(other)),
    ]);
    expect(answers).toEqual(Array.from({ length: 16 }, () => 'GOING'));
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id })).toBe(11);
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id, email: input.email })).toBe(1);
  });

  /** Runs `change` in a transaction of its own, left open until `during` is waiting for a lock. */
  async function whileUncommitted<T>(
    change: string,
    params: unknown[],
    during: () => Promise<T>,
  ): Promise<T> {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(change, params);
      const waiting = during();
      waiting.catch(() => undefined);
      for (let i = 0; i < 200; i++) {
        const [{ n }] = await db.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (n > 0) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await runner.commitTransaction();
      return await waiting;
    } finally {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction();
      }
      await runner.release();
    }
  }

  it('takes replies to an event without a capacity side by side: one address at once ends as one reply, no error', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: null });
    const known = await createMember(db, { branchId: branch.id });
    // Different replies from one known address (a name spelt two ways), and others, all at once.
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        rsvps.rsvp(person(event.id, { email: known.email, fullName: `Known ${i}` })),
      ),
      ...Array.from({ length: 10 }, () => rsvps.rsvp(person(event.id))),
    ]);
    expect(answers).toEqual(Array.from({ length: 16 }, () => 'GOING'));
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id })).toBe(11);
    expect(await db.getRepository(Rsvp).countBy({ eventId: event.id, memberId: known.id })).toBe(1);
    expect(await db.getRepository(Member).countBy({ email: known.email })).toBe(1);
  });

  it('hands a reply to the full path, with nothing of its statement kept, when the address’s reply is written meanwhile', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: null });
    const known = await createMember(db, { branchId: branch.id });
    const input = person(event.id, { email: known.email });
    await rsvps.rsvp(person(event.id)); // the event read, as published
    outcomes = [];
    // Another reply from the address, not yet committed when this one reaches its insert.
    const answer = await whileUncommitted(
      `INSERT INTO rsvp (event_id, member_id, full_name, email, email_canonical, status, queued_at, cancel_token_hash)
       VALUES ($1, $2, 'Known Elsewhere', $3, $4, 'GOING', now(), md5(random()::text))`,
      [event.id, known.id, known.email, known.email.toLowerCase()],
      () => rsvps.rsvp(input),
    );
    expect(answer).toBe('GOING');
    expect(outcomes).toEqual(['slow']);
    expect(await db.getRepository(Rsvp).findBy({ eventId: event.id, memberId: known.id })).toEqual([
      expect.objectContaining({ fullName: 'Known Elsewhere' }),
    ]);
    // The statement's consent record and email were not kept (the full path's repeat mail may be).
    expect(await db.getRepository(ConsentRecord).countBy({ memberId: known.id, source: 'rsvp' })).toBe(0);
    expect(
      (await mailTo(known.email)).filter(
        (m) => m.template === 'rsvp-going' || m.template === 'rsvp-waitlisted',
      ),
    ).toHaveLength(0);
  });

  it('waits for a change to an event without a capacity: a cancellation refuses, a capacity set is counted', async () => {
    const branch = await createBranch(db);
    const cancelled = await createEvent(db, { branchId: branch.id, capacity: null });
    const limited = await createEvent(db, { branchId: branch.id, capacity: null });
    expect(await rsvps.rsvp(person(cancelled.id))).toBe('GOING');
    expect(await rsvps.rsvp(person(limited.id))).toBe('GOING');
    outcomes = [];
    // Neither change touches updated_at: only the lock and the capacity check can see them.
    const refused = await whileUncommitted(
      `UPDATE event SET status = 'CANCELLED' WHERE id = $1`,
      [cancelled.id],
      () => rsvps.rsvp(person(cancelled.id)).catch((error: unknown) => domainErrorFrom(error)?.reason),
    );
    expect(refused).toBe('RSVP_CLOSED');
    const late = person(limited.id);
    const answer = await whileUncommitted(`UPDATE event SET capacity = 1 WHERE id = $1`, [limited.id], () =>
      rsvps.rsvp(late),
    );
    expect(answer).toBe('WAITLISTED');
    expect(outcomes).toEqual(['closed', 'changed']);
    expect(await db.getRepository(Rsvp).countBy({ eventId: cancelled.id })).toBe(1);
    expect(await db.getRepository(Rsvp).findOneByOrFail({ email: late.email })).toMatchObject({
      status: 'WAITLISTED',
    });
  });

  it('refuses a cancelled event, a closed one and one that is not published, writing nothing', async () => {
    const branch = await createBranch(db);
    const cancelled = await createEvent(db, { branchId: branch.id });
    const closed = await createEvent(db, { branchId: branch.id });
    const draft = await createEvent(db, { branchId: branch.id });
    // Read while published and open, then changed: the statement finds out.
    for (const event of [cancelled, closed, draft]) {
      await rsvps.rsvp(person(event.id));
    }
    await db.getRepository(CampaignEvent).update(cancelled.id, { status: 'CANCELLED' });
    await db.getRepository(CampaignEvent).update(closed.id, { rsvpClosesAt: new Date(Date.now() - 1_000) });
    await db.getRepository(CampaignEvent).update(draft.id, { status: 'DRAFT' });
    outcomes = [];
    const reasons = [];
    for (const event of [cancelled, closed, draft]) {
      const input = person(event.id);
      const error = await rsvps.rsvp(input).catch((e: unknown) => e);
      reasons.push(domainErrorFrom(error)?.reason ?? domainErrorFrom(error)?.code);
      expect(await db.getRepository(Member).countBy({ email: input.email })).toBe(0);
      expect(await mailTo(input.email)).toHaveLength(0);
    }
    expect(reasons).toEqual(['RSVP_CLOSED', 'RSVP_CLOSED', 'NOT_FOUND']);
    expect(outcomes).toEqual(['closed', 'closed', 'gone']);
  });
});

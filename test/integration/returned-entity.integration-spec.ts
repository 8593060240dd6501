import { DataSource } from 'typeorm';
import { returnedEntity } from '@app/core';
import { CampaignEvent, EventsModule, Rsvp, RsvpService } from '@app/events';
import { createBranch } from '../factories';
import { createEvent } from '../factories/events';
import { DomainHarness } from '../support/domain-harness';

/**
 * returnedEntity (a row a write returned, as the entity TypeORM would load) gives exactly what
 * TypeORM's own find gives, for rows straight from a statement and for rows as row_to_json made
 * them (dates as text), so the raw statements on the public paths read back the same entities.
 */
describe('returnedEntity (real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;

  beforeAll(async () => {
    harness = await DomainHarness.start([EventsModule]);
    db = harness.db;
  });
  afterAll(() => harness.stop());

  it('reads a row back as TypeORM loads it: dates, numbers, nulls, arrays', async () => {
    const branch = await createBranch(db);
    const event = await createEvent(db, { branchId: branch.id, capacity: 12, rsvpClosesAt: null });
    await harness.get(RsvpService).rsvp({
      eventId: event.id,
      fullName: 'Morven Example',
      email: 'morven@example.org',
      postcode: null,
      emailOptIn: false,
    });
    const loadedEvent = await db.getRepository(CampaignEvent).findOneByOrFail({ id: event.id });
    const loadedRsvp = await db.getRepository(Rsvp).findOneByOrFail({ eventId: event.id });
    await db.query(`UPDATE rsvp SET earlier_cancel_token_hashes = '{a,b}' WHERE id = $1`, [loadedRsvp.id]);
    const withHashes = await db.getRepository(Rsvp).findOneByOrFail({ id: loadedRsvp.id });
    expect(withHashes.earlierCancelTokenHashes).toEqual(['a', 'b']);

    const [eventRow] = await db.query<Array<Record<string, unknown>>>('SELECT * FROM event WHERE id = $1', [
      event.id,
    ]);
    const [rsvpRow] = await db.query<Array<Record<string, unknown>>>('SELECT * FROM rsvp WHERE id = $1', [
      loadedRsvp.id,
    ]);
    expect(returnedEntity(db.manager, CampaignEvent, eventRow)).toEqual(loadedEvent);
    expect(returnedEntity(db.manager, Rsvp, rsvpRow)).toEqual(withHashes);
    expect(returnedEntity(db.manager, Rsvp, rsvpRow)).toBeInstanceOf(Rsvp);
    expect(loadedEvent.startsAt).toBeInstanceOf(Date);
    expect(loadedEvent.capacity).toBe(12);

    // As json_agg / row_to_json give rows: timestamps as text, read back as the same Dates.
    const [{ json }] = await db.query<Array<{ json: Record<string, unknown> }>>(
      'SELECT row_to_json(r) AS json FROM rsvp r WHERE id = $1',
      [loadedRsvp.id],
    );
    expect(typeof json.created_at).toBe('string');
    expect(returnedEntity(db.manager, Rsvp, json)).toEqual(withHashes);
  });
});

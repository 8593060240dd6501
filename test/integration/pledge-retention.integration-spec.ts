import { setTimeout as sleep } from 'node:timers/promises';
import { Pledge, PledgeRetention, PledgeRetentionModule, Venue } from '@app/pledges';
import { createPledgedVenue } from '../factories/pledges';
import { DomainHarness } from '../support/domain-harness';

/** Deleting never-confirmed venue pledges, against an owner confirming at the same moment. */
describe('pledge retention (real database)', () => {
  let harness: DomainHarness;

  beforeAll(async () => {
    harness = await DomainHarness.start([PledgeRetentionModule]);
  });
  afterAll(() => harness.stop());

  const backdate = (id: string, days: number) =>
    harness.db.query(`UPDATE pledge SET created_at = now() - make_interval(days => $1) WHERE id = $2`, [
      days,
      id,
    ]);

  it('deletes a stale unconfirmed pledge with its venue, and keeps a fresh one', async () => {
    const stale = await createPledgedVenue(harness.db, { status: 'AWAITING_CONFIRMATION' });
    const fresh = await createPledgedVenue(harness.db, { status: 'AWAITING_CONFIRMATION' });
    await backdate(stale.pledge.id, 8);
    const report = await harness.get(PledgeRetention).run();
    expect(report).toEqual({ unconfirmedPledgesDeleted: 1 });
    expect(await harness.db.getRepository(Venue).existsBy({ id: stale.venue.id })).toBe(false);
    expect(await harness.db.getRepository(Pledge).existsBy({ id: fresh.pledge.id })).toBe(true);
  });

  it('keeps a pledge its owner confirms while the retention run waits for it', async () => {
    const racing = await createPledgedVenue(harness.db, { status: 'AWAITING_CONFIRMATION' });
    await backdate(racing.pledge.id, 8);
    const confirming = harness.db.createQueryRunner();
    await confirming.connect();
    await confirming.startTransaction();
    // The owner's confirmation holds the pledge's row when the scheduled run starts.
    await confirming.query(`UPDATE pledge SET status = 'SUBMITTED' WHERE id = $1`, [racing.pledge.id]);
    const run = harness.get(PledgeRetention).run();
    await sleep(300);
    await confirming.commitTransaction();
    await confirming.release();
    expect(await run).toEqual({ unconfirmedPledgesDeleted: 0 });
    const pledge = await harness.db.getRepository(Pledge).findOneBy({ id: racing.pledge.id });
    expect(pledge?.status).toBe('SUBMITTED');
    expect(await harness.db.getRepository(Venue).existsBy({ id: racing.venue.id })).toBe(true);
  });
});

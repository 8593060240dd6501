import { DataSource } from 'typeorm';
import { Actor } from '@app/core';
import {
  Pledge,
  PledgeDecision,
  PledgesModule,
  PledgesService,
  PledgeVerificationService,
} from '@app/pledges';
import { createBranch, createMember } from '../factories';
import { createPledgedVenue } from '../factories/pledges';
import { DomainHarness, reasonOf } from '../support/domain-harness';

/** The pledges rules through their services alone: verification's state machine and who may decide. */
describe('pledges (domain services, real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let pledges: PledgesService;
  let verification: PledgeVerificationService;

  beforeAll(async () => {
    harness = await DomainHarness.start([PledgesModule], { REPEAT_WINDOW_SECONDS: '0' });
    db = harness.db;
    pledges = harness.get(PledgesService);
    verification = harness.get(PledgeVerificationService);
  });
  afterAll(() => harness.stop());

  const ownerActor = (memberId: string) => new Actor(memberId, 'session', false, new Set());
  const statusOf = async (id: string) => (await db.getRepository(Pledge).findOneByOrFail({ id })).status;

  it('moves SUBMITTED → CHANGES_REQUESTED → REJECTED with a note each time, and a rejected pledge stays', async () => {
    const branch = await createBranch(db);
    const organiser = await createMember(db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] });
    const actor = DomainHarness.organiser(organiser.id, branch.id);
    const { pledge, owner } = await createPledgedVenue(db, { branchId: branch.id, status: 'SUBMITTED' });

    expect(await reasonOf(verification.decide(actor, pledge.id, 'CHANGES_REQUESTED', '  '))).toBe(
      'BAD_USER_INPUT/NOTE_REQUIRED',
    );
    expect(await reasonOf(verification.decide(actor, pledge.id, 'REJECTED', ''))).toBe(
      'BAD_USER_INPUT/NOTE_REQUIRED',
    );
    expect(await statusOf(pledge.id)).toBe('SUBMITTED');

    await verification.decide(actor, pledge.id, 'CHANGES_REQUESTED', 'Say where the welfare space is.');
    expect(await statusOf(pledge.id)).toBe('CHANGES_REQUESTED');
    // Only a submitted pledge can be verified; a pledge waiting for changes can still be rejected.
    expect(await reasonOf(verification.decide(actor, pledge.id, 'VERIFIED', ''))).toBe(
      'CONFLICT/INVALID_STEP',
    );
    await verification.decide(actor, pledge.id, 'REJECTED', 'No reply for two months.');
    expect(await statusOf(pledge.id)).toBe('REJECTED');

    const ownerSelf = ownerActor(owner.id);
    expect(
      await reasonOf(pledges.changeCommitments(ownerSelf, { id: pledge.id, commitments: ['free-water'] })),
    ).toBe('CONFLICT/PLEDGE_REJECTED');
    expect(await reasonOf(pledges.renew(ownerSelf, pledge.id))).toBe('CONFLICT/NOT_RENEWABLE');
    expect(await statusOf(pledge.id)).toBe('REJECTED');
    const steps = await db.getRepository(PledgeDecision).find({
      where: { pledgeId: pledge.id },
      order: { createdAt: 'ASC' },
    });
    expect(steps.map((s) => [s.action, s.actorId])).toEqual([
      ['CHANGES_REQUESTED', organiser.id],
      ['REJECTED', organiser.id],
    ]);
  });

  it('lets nobody decide on a venue they registered, by any form of their address', async () => {
    const branch = await createBranch(db);
    const { pledge, owner } = await createPledgedVenue(db, { branchId: branch.id, status: 'SUBMITTED' });
    const [local, domain] = owner.email.split('@');
    const alias = await createMember(db, { email: `${local}+organising@${domain}` });

    for (const memberId of [owner.id, alias.id]) {
      const actor = DomainHarness.organiser(memberId, branch.id);
      expect(await reasonOf(verification.decide(actor, pledge.id, 'VERIFIED', ''))).toBe(
        'FORBIDDEN/OWN_PLEDGE',
      );
    }
    expect(await statusOf(pledge.id)).toBe('SUBMITTED');
    expect(await db.getRepository(PledgeDecision).countBy({ pledgeId: pledge.id })).toBe(0);
  });

  it('renews only a verified or lapsed pledge, and only with commitments from the catalogue', async () => {
    const submitted = await createPledgedVenue(db, { status: 'SUBMITTED' });
    expect(await reasonOf(pledges.renew(ownerActor(submitted.owner.id), submitted.pledge.id))).toBe(
      'CONFLICT/NOT_RENEWABLE',
    );

    const lapsed = await createPledgedVenue(db, { status: 'LAPSED' });
    await pledges.renew(ownerActor(lapsed.owner.id), lapsed.pledge.id);
    expect(await statusOf(lapsed.pledge.id)).toBe('SUBMITTED');

    const verified = await createPledgedVenue(db, { status: 'VERIFIED' });
    expect(
      await reasonOf(
        pledges.changeCommitments(ownerActor(verified.owner.id), {
          id: verified.pledge.id,
          commitments: ['free-water', 'free-unicorns'],
        }),
      ),
    ).toBe('BAD_USER_INPUT/UNKNOWN_COMMITMENT');
    const unchanged = await db.getRepository(Pledge).findOneByOrFail({ id: verified.pledge.id });
    expect(unchanged).toMatchObject({ status: 'VERIFIED', commitments: ['welfare-space', 'free-water'] });
  });
});

import { Branch } from '@app/branches';
import { Member } from '@app/members';
import { Pledge, PledgeDecision, PledgesService } from '@app/pledges';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem } from '../support/test-system';

const REGISTER =
  'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }';
const DIRECTORY = `query($branchSlug: String, $commitment: String) {
  pledgedVenues(branchSlug: $branchSlug, commitment: $commitment) {
    totalCount edges { node { name kind area verifiedSince commitments { code title } } }
  }
}`;
type Directory = {
  pledgedVenues: { totalCount: number; edges: Array<{ node: { name: string; area: string } }> };
};

describe('venue harm-reduction pledges', () => {
  let system: TestSystem;
  let glasgow: Branch;
  let organiser: string;
  let organiserEmail: string;
  let otherOrganiser: string;
  let n = 0;

  const registration = (overrides: Record<string, unknown> = {}) => {
    n += 1;
    return {
      venue: {
        name: `The Sub Club ${n}`,
        kind: 'CLUB',
        address: '22 Jamaica Street, Glasgow',
        postcode: 'g1 4qd',
        website: 'https://subclub.example.org',
        licenceNumber: `GLA-${n}`,
      },
      owner: { fullName: `Owner Person${n}`, email: `owner${n}@venue.example.org`, role: 'general manager' },
      commitments: ['welfare-space', 'naloxone-on-site', 'free-water'],
      notes: 'Six staff trained in overdose response in October.',
      ...overrides,
    };
  };

  /** Registers and confirms; returns the pledge id and the owner's email. */
  async function submitted(
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; owner: string; venue: string }> {
    const input = registration(overrides);
    expect((await system.graphql(REGISTER, { input })).data).toEqual({
      registerVenuePledge: { status: 'CONFIRMATION_SENT' },
    });
    // Not by its place among the owner's mails: an owner who is also an organiser may still have a
    // mail on its way from before (a pledge to verify, not awaited), and it can arrive after this one.
    const mail = await system.mail.waitForSubject(
      input.owner.email,
      `Please confirm the harm-reduction pledge for ${input.venue.name}`,
    );
    const token = /\/pledges\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await system.http().post('/pledges/confirm').type('form').send({ token }).expect(200);
    const pledge = await system.db
      .getRepository(Pledge)
      .findOneOrFail({ where: { venue: { name: input.venue.name } }, relations: { venue: true } });
    expect(pledge.status).toBe('SUBMITTED');
    return { id: pledge.id, owner: input.owner.email, venue: input.venue.name };
  }

  const decide = (
    kind: 'verifyPledge' | 'rejectPledge' | 'requestPledgeChanges',
    id: string,
    note: string,
    token = organiser,
  ) =>
    system.graphql(
      `mutation($id: ID!, $note: String!) { ${kind}(id: $id, note: $note) { status } }`,
      { id, note },
      token,
    );

  beforeAll(async () => {
    system = await TestSystem.start({ env: { SCHEDULE_INTERVAL_MS: '200' } });
    glasgow = await createBranch(system.db, { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'] });
    const other = await createBranch(system.db, {
      slug: 'edinburgh',
      name: 'Edinburgh',
      postcodeAreas: ['EH'],
    });
    const organiserMember = await createMember(system.db, {
      roles: [{ role: 'ORGANISER', branchId: glasgow.id }],
    });
    organiserEmail = organiserMember.email;
    organiser = await signIn(system, organiserMember);
    otherOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: other.id }] }),
    );
  });
  afterAll(() => system.stop());

  it('goes from registration to confirmation to verification to the directory, with no personal data shown', async () => {
    const { id, owner, venue } = await submitted();
    const toVerify = await system.mail.waitFor(organiserEmail);
    expect(toVerify.subject).toBe(`A venue pledge to verify: ${venue}`);

    const before = await system.graphql<Directory>(DIRECTORY, { branchSlug: 'glasgow' });
    expect(before.data!.pledgedVenues.totalCount).toBe(0);

    const foreign = await decide('verifyPledge', id, '', otherOrganiser);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const verified = await decide('verifyPledge', id, 'Visited on Friday; all in place.');
    expect(verified.data).toEqual({ verifyPledge: { status: 'VERIFIED' } });
    expect((await system.mail.waitFor(owner, 2)).subject).toBe(
      `Your pledge for ${venue}: verified, and listed in the directory`,
    );

    const listed = await system.graphql<Directory>(DIRECTORY, {
      branchSlug: 'glasgow',
      commitment: 'naloxone-on-site',
    });
    expect(listed.data!.pledgedVenues.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ name: venue, kind: 'CLUB', area: 'G1' }),
    ]);
    const text = JSON.stringify(listed);
    for (const secret of ['Owner Person', owner, 'Jamaica Street', 'G1 4QD', 'GLA-', 'general manager']) {
      expect(text).not.toContain(secret);
    }
    const history = await system.db
      .getRepository(PledgeDecision)
      .find({ where: { pledgeId: id }, order: { createdAt: 'ASC' } });
    expect(history.map((h) => h.action)).toEqual(['REGISTERED', 'CONFIRMED', 'VERIFIED']);
    expect(history[2].note).toBe('Visited on Friday; all in place.');

    const stats = await system.graphql<{ pledgeStats: { byBranch: Array<{ key: string; count: number }> } }>(
      '{ pledgeStats { verifiedVenues byBranch { key count } } }',
    );
    expect(stats.data!.pledgeStats.byBranch).toContainEqual({ key: 'glasgow', count: 1 });
  });

  it('never lists rejected pledges, and sends the owner the reason', async () => {
    const { id, owner, venue } = await submitted();
    const noReason = await decide('rejectPledge', id, '');
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await decide('rejectPledge', id, 'We could not confirm a welfare space.');
    const mail = await system.mail.waitFor(owner, 2);
    expect(mail.subject).toBe(`Your pledge for ${venue}: not accepted`);
    expect(mail.text).toContain('We could not confirm a welfare space.');
    const listed = await system.graphql<Directory>(DIRECTORY, {});
    expect(listed.data!.pledgedVenues.edges.map((e) => e.node.name)).not.toContain(venue);

    // A rejection stands: the owner cannot send the same pledge back by changing it.
    const session = await signIn(
      system,
      await system.db.getRepository(Member).findOneByOrFail({ email: owner }),
    );
    const again = await system.graphql(
      'mutation($input: ChangeCommitmentsInput!) { changePledgeCommitments(input: $input) { status } }',
      { input: { id, commitments: ['free-water'] } },
      session,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('does not let organisers decide on their own venue', async () => {
    const own = await submitted({ owner: { fullName: 'Organiser', email: organiserEmail, role: 'owner' } });
    const refused = await decide('verifyPledge', own.id, 'mine');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await system.db.getRepository(Pledge).findOneByOrFail({ id: own.id })).status).toBe('SUBMITTED');
  });

  it('sends a changed pledge back to verification, out of the directory', async () => {
    const { id, owner, venue } = await submitted();
    await decide('verifyPledge', id, 'ok');
    const ownerMember = await system.db.getRepository(Member).findOneByOrFail({ email: owner });
    const session = await signIn(system, ownerMember);
    const mine = await system.graphql<{ myVenues: Array<{ id: string; status: string }> }>(
      '{ myVenues { id status venue { name } history { action } } }',
      {},
      session,
    );
    expect(mine.data!.myVenues).toEqual([expect.objectContaining({ id, status: 'VERIFIED' })]);

    const changed = await system.graphql(
      'mutation($input: ChangeCommitmentsInput!) { changePledgeCommitments(input: $input) { status commitments } }',
      { input: { id, commitments: ['welfare-first', 'welfare-lead'] } },
      session,
    );
    expect(changed.data).toEqual({
      changePledgeCommitments: { status: 'SUBMITTED', commitments: ['welfare-first', 'welfare-lead'] },
    });
    const listed = await system.graphql<Directory>(DIRECTORY, {});
    expect(listed.data!.pledgedVenues.edges.map((e) => e.node.name)).not.toContain(venue);

    // Someone else's pledge is not theirs to change.
    const stranger = await signIn(system, await createMember(system.db));
    const refused = await system.graphql(
      'mutation($input: ChangeCommitmentsInput!) { changePledgeCommitments(input: $input) { status } }',
      { input: { id, commitments: ['free-water'] } },
      stranger,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const unknown = await system.graphql(
      'mutation($input: ChangeCommitmentsInput!) { changePledgeCommitments(input: $input) { status } }',
      { input: { id, commitments: ['free-beer'] } },
      session,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'commitments' }],
    });

    // Renaming a verified venue sends it back for verification too, and is recorded.
    await decide('verifyPledge', id, 'ok again');
    const venueId = (await system.db.getRepository(Pledge).findOneByOrFail({ id })).venueId;
    const renamed = await system.graphql<{
      updateVenue: { status: string; history: Array<{ action: string }> };
    }>(
      'mutation($input: UpdateVenueInput!) { updateVenue(input: $input) { status history { action } } }',
      { input: { id: venueId, name: 'Brand New Name' } },
      session,
    );
    expect(renamed.data!.updateVenue.status).toBe('SUBMITTED');
    expect(renamed.data!.updateVenue.history.map((h) => h.action)).toContain('VENUE_UPDATED');
  });

  it('reminds owners 30 and 7 days before, once each, and lapses pledges not renewed', async () => {
    const { id, owner, venue } = await submitted();
    await decide('verifyPledge', id, 'ok');
    await system.mail.waitFor(owner, 2);

    await system.db.query(`UPDATE pledge SET expires_at = now() + interval '20 days' WHERE id = $1`, [id]);
    const thirty = await system.mail.waitFor(owner, 3, 10_000);
    expect(thirty.subject).toMatch(new RegExp(`^Your pledge for ${venue} runs out in (19|20) days$`));
    await system.db.query(`UPDATE pledge SET expires_at = now() + interval '5 days' WHERE id = $1`, [id]);
    const seven = await system.mail.waitFor(owner, 4, 10_000);
    expect(seven.subject).toMatch(/runs out in [45] days$/);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(system.mail.to(owner).filter((m) => m.subject.includes('runs out'))).toHaveLength(2);

    await system.db.query(`UPDATE pledge SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await system.eventually(
      async () => (await system.db.getRepository(Pledge).findOneByOrFail({ id })).status === 'LAPSED',
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    const lapses = await system.db.getRepository(PledgeDecision).countBy({ pledgeId: id, action: 'LAPSED' });
    expect(lapses).toBe(1);
    const listed = await system.graphql<Directory>(DIRECTORY, {});
    expect(listed.data!.pledgedVenues.edges.map((e) => e.node.name)).not.toContain(venue);

    // Renewing a lapsed pledge sends it back for verification.
    const session = await signIn(
      system,
      await system.db.getRepository(Member).findOneByOrFail({ email: owner }),
    );
    const renewed = await system.graphql(`mutation { renewPledge(id: "${id}") { status } }`, {}, session);
    expect(renewed.data).toEqual({ renewPledge: { status: 'SUBMITTED' } });
  });

  it('offers venues that have not pledged, by their public address, as letter targets', async () => {
    const pledged = await submitted({
      venue: { ...registration().venue, name: 'Pledged Bar', publicEmail: 'hello@pledged.example.org' },
    });
    await decide('verifyPledge', pledged.id, 'ok');
    await submitted({
      venue: { ...registration().venue, name: 'Unpledged Club', publicEmail: 'info@unpledged.example.org' },
    });
    await submitted({ venue: { ...registration().venue, name: 'No Public Address' } });
    const targets = await system.api.get(PledgesService).unpledgedVenues(glasgow.id);
    expect(targets.map((v) => [v.name, v.publicEmail])).toContainEqual([
      'Unpledged Club',
      'info@unpledged.example.org',
    ]);
    expect(targets.map((v) => v.name)).not.toContain('Pledged Bar');
    expect(targets.map((v) => v.name)).not.toContain('No Public Address');
  });

  it('lets admins manage the catalogue; retired commitments stay on old pledges', async () => {
    const admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    const added = await system.graphql(
      'mutation($input: CommitmentInput!) { savePledgeCommitment(input: $input) { code retired } }',
      {
        input: {
          code: 'chill-out-room',
          title: 'A chill-out room',
          description: 'A quiet room away from the dance floor.',
        },
      },
      admin,
    );
    expect(added.data).toEqual({ savePledgeCommitment: { code: 'chill-out-room', retired: false } });
    const byOrganiser = await system.graphql(
      'mutation { retirePledgeCommitment(code: "chill-out-room") { code } }',
      {},
      organiser,
    );
    expect(byOrganiser.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const { id } = await submitted({ commitments: ['chill-out-room', 'free-water'] });
    await system.graphql(
      'mutation { retirePledgeCommitment(code: "chill-out-room") { retired } }',
      {},
      admin,
    );
    const catalogue = await system.graphql<{ pledgeCommitments: Array<{ code: string }> }>(
      '{ pledgeCommitments { code } }',
    );
    expect(catalogue.data!.pledgeCommitments.map((c) => c.code)).not.toContain('chill-out-room');
    expect((await system.db.getRepository(Pledge).findOneByOrFail({ id })).commitments).toEqual([
      'chill-out-room',
      'free-water',
    ]);
    const refused = await system.graphql(REGISTER, {
      input: registration({ commitments: ['chill-out-room'] }),
    });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

import { Branch } from '@app/branches';
import { ConsentRecord, Member } from '@app/members';
import { createBranch, createMember, signIn } from '../factories';
import { createEvent } from '../factories/events';
import { TestSystem } from '../support/test-system';

const MEMBERS = `query($branchId: ID, $first: Int, $after: String, $filter: MemberFilter) {
  members(branchId: $branchId, first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id email fullName tags archived branch { slug } } }
  }
}`;
const MEMBER = 'query($id: ID!) { member(id: $id) { id fullName emailOptIn } }';
type MembersPage = {
  members: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: { id: string; email: string; fullName: string; tags: string[]; archived: boolean };
    }>;
  };
};

describe('organisers and their members', () => {
  let system: TestSystem;
  let dundee: Branch;
  let glasgow: Branch;
  let dundeeOrganiser: string;
  let glasgowOrganiser: string;
  let admin: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    dundee = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    glasgow = await createBranch(system.db, { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'] });
    dundeeOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: dundee.id }] }),
    );
    glasgowOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: glasgow.id }] }),
    );
    admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
  });
  afterAll(() => system.stop());

  it('lists someone who joined for the organiser of their branch, and not for another branch', async () => {
    await system.graphql('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }', {
      input: { fullName: 'Eilidh Grant', email: 'eilidh@example.org', postcode: 'DD1 4HN', emailOptIn: true },
    });
    const joined = await system.db.getRepository(Member).findOneByOrFail({ email: 'eilidh@example.org' });

    const forDundee = await system.graphql<MembersPage>(MEMBERS, { branchId: dundee.id }, dundeeOrganiser);
    expect(forDundee.data!.members.edges.map((e) => e.node.email)).toContain('eilidh@example.org');

    const forGlasgow = await system.graphql<MembersPage>(MEMBERS, { branchId: glasgow.id }, glasgowOrganiser);
    expect(forGlasgow.data!.members.edges.map((e) => e.node.email)).not.toContain('eilidh@example.org');
    expect(forGlasgow.data!.members.totalCount).toBe(0);

    // Every other route to the Dundee member is closed to Glasgow's organiser.
    const otherBranch = await system.graphql(MEMBERS, { branchId: dundee.id }, glasgowOrganiser);
    expect(otherBranch.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const everyBranch = await system.graphql(MEMBERS, {}, glasgowOrganiser);
    expect(everyBranch.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byId = await system.graphql(MEMBER, { id: joined.id }, glasgowOrganiser);
    expect(byId.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(byId.data).toBeNull();
    const searched = await system.graphql<MembersPage>(
      MEMBERS,
      { branchId: glasgow.id, filter: { search: 'eilidh' } },
      glasgowOrganiser,
    );
    expect(searched.data!.members.totalCount).toBe(0);
    const edit = await system.graphql(
      'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { id } }',
      { input: { id: joined.id, fullName: 'Changed' } },
      glasgowOrganiser,
    );
    expect(edit.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await system.db.getRepository(Member).findOneByOrFail({ id: joined.id })).fullName).toBe(
      'Eilidh Grant',
    );

    // Admins see everyone.
    const all = await system.graphql<MembersPage>(MEMBERS, { first: 100 }, admin);
    expect(all.data!.members.edges.map((e) => e.node.email)).toContain('eilidh@example.org');
  });

  it('pages through members with stable cursors and a total', async () => {
    const branch = await createBranch(system.db);
    const organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    for (let i = 0; i < 7; i += 1) {
      await createMember(system.db, { branchId: branch.id, fullName: `Paged ${i}` });
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { data?: MembersPage } = await system.graphql<MembersPage>(
        MEMBERS,
        { branchId: branch.id, first: 3, after, filter: { search: 'Paged' } },
        organiser,
      );
      expect(res.data!.members.totalCount).toBe(7);
      seen.push(...res.data!.members.edges.map((e) => e.node.fullName));
      after = res.data!.members.pageInfo.hasNextPage ? res.data!.members.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Paged 6', 'Paged 5', 'Paged 4', 'Paged 3', 'Paged 2', 'Paged 1', 'Paged 0']);

    const badCursor = await system.graphql(MEMBERS, { branchId: branch.id, after: 'nonsense' }, organiser);
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('creates, edits, tags, filters and archives members, recording consent changes', async () => {
    const created = await system.graphql<{ createMember: { id: string; emailOptIn: boolean } }>(
      'mutation($input: CreateMemberInput!) { createMember(input: $input) { id emailOptIn postcode } }',
      {
        input: {
          email: 'morven@example.org',
          fullName: 'Morven',
          postcode: 'dd2 1tp',
          branchId: dundee.id,
          emailOptIn: false,
        },
      },
      dundeeOrganiser,
    );
    expect(created.data?.createMember).toMatchObject({ emailOptIn: false, postcode: 'DD2 1TP' });
    const id = created.data!.createMember.id;

    const wrongBranch = await system.graphql(
      'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      { input: { email: 'someone@example.org', fullName: 'S', branchId: glasgow.id, emailOptIn: false } },
      dundeeOrganiser,
    );
    expect(wrongBranch.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const duplicate = await system.graphql(
      'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      { input: { email: 'MORVEN@example.org', fullName: 'M', branchId: dundee.id, emailOptIn: false } },
      dundeeOrganiser,
    );
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');

    await system.graphql(
      'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { id } }',
      { input: { id, emailOptIn: true, fullName: 'Morven Ross' } },
      dundeeOrganiser,
    );
    const ledger = await system.db
      .getRepository(ConsentRecord)
      .find({ where: { memberId: id }, order: { createdAt: 'ASC' } });
    expect(ledger.map((r) => [r.source, r.emailOptIn])).toEqual([
      ['organiser', false],
      ['organiser', true],
    ]);

    const nulled = await system.graphql(
      'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { id } }',
      { input: { id, fullName: null, emailOptIn: null } },
      dundeeOrganiser,
    );
    expect(nulled.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(new Set(nulled.errors?.[0].extensions?.fields?.map((f) => f.field))).toEqual(
      new Set(['fullName', 'emailOptIn']),
    );

    const tagged = await system.graphql<{ tagMembers: Array<{ tags: string[] }> }>(
      'mutation($input: TagMembersInput!) { tagMembers(input: $input) { tags } }',
      { input: { memberIds: [id], tags: ['Volunteer', 'naloxone-trained', 'volunteer'] } },
      dundeeOrganiser,
    );
    expect(tagged.data!.tagMembers[0].tags).toEqual(['naloxone-trained', 'volunteer']);
    const byTag = await system.graphql<MembersPage>(
      MEMBERS,
      { branchId: dundee.id, filter: { tag: 'volunteer' } },
      dundeeOrganiser,
    );
    expect(byTag.data!.members.edges.map((e) => e.node.id)).toEqual([id]);

    await system.graphql(
      'mutation($input: TagMembersInput!) { untagMembers(input: $input) { tags } }',
      { input: { memberIds: [id], tags: ['volunteer'] } },
      dundeeOrganiser,
    );
    const untagged = await system.db.getRepository(Member).findOneByOrFail({ id });
    expect(untagged.tags).toEqual(['naloxone-trained']);

    const archived = await system.graphql(
      'mutation($id: ID!) { archiveMember(id: $id) { archived } }',
      { id },
      dundeeOrganiser,
    );
    expect(archived.data).toEqual({ archiveMember: { archived: true } });
    const listed = await system.graphql<MembersPage>(
      MEMBERS,
      { branchId: dundee.id, filter: { search: 'morven' } },
      dundeeOrganiser,
    );
    expect(listed.data!.members.totalCount).toBe(0);
    const withArchived = await system.graphql<MembersPage>(
      MEMBERS,
      { branchId: dundee.id, filter: { search: 'morven', includeArchived: true } },
      dundeeOrganiser,
    );
    expect(withArchived.data!.members.totalCount).toBe(1);
  });

  it('filters by consent: opted in counts only confirmed addresses', async () => {
    const branch = await createBranch(system.db);
    const organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    await createMember(system.db, {
      branchId: branch.id,
      fullName: 'Confirmed',
      emailOptIn: true,
      emailConfirmedAt: new Date(),
    });
    await createMember(system.db, { branchId: branch.id, fullName: 'Unconfirmed', emailOptIn: true });
    await createMember(system.db, {
      branchId: branch.id,
      fullName: 'Declined',
      emailOptIn: false,
      emailConfirmedAt: new Date(),
    });
    const optedIn = await system.graphql<MembersPage>(
      MEMBERS,
      { branchId: branch.id, filter: { optedIn: true } },
      organiser,
    );
    expect(optedIn.data!.members.edges.map((e) => e.node.fullName)).toEqual(['Confirmed']);
  });

  it('shows a member page’s consent history and replies only to organisers of the member’s branch', async () => {
    const created = await system.graphql<{ createMember: { id: string } }>(
      'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      {
        input: {
          branchId: dundee.id,
          fullName: 'Morag Reid',
          email: 'morag.reid@example.org',
          emailOptIn: true,
        },
      },
      dundeeOrganiser,
    );
    const memberId = created.data!.createMember.id;
    await system.graphql(
      'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { id } }',
      { input: { id: memberId, emailOptIn: false } },
      dundeeOrganiser,
    );
    const HISTORY =
      'query($id: ID!) { memberConsentHistory(memberId: $id) { emailOptIn source byOrganiser wording at } }';
    const history = await system.graphql<{
      memberConsentHistory: Array<{
        emailOptIn: boolean;
        source: string;
        byOrganiser: boolean;
        wording: string;
      }>;
    }>(HISTORY, { id: memberId }, dundeeOrganiser);
    expect(history.data!.memberConsentHistory.map((c) => [c.emailOptIn, c.source, c.byOrganiser])).toEqual([
      [false, 'organiser', true],
      [true, 'organiser', true],
    ]);
    expect(history.data!.memberConsentHistory[1].wording).not.toBe('');
    const theirs = await system.graphql(HISTORY, { id: memberId }, glasgowOrganiser);
    expect(theirs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(theirs.data).toBeNull();

    // Replies: to a Dundee event (shown) and to a Glasgow event (Glasgow's record: not shown to Dundee).
    const ownEvent = await createEvent(system.db, { branchId: dundee.id, title: 'Naloxone in Dundee' });
    const otherEvent = await createEvent(system.db, { branchId: glasgow.id, title: 'Naloxone in Glasgow' });
    for (const event of [ownEvent, otherEvent]) {
      await system.db.query(
        `INSERT INTO rsvp (event_id, member_id, full_name, email, email_canonical, status, queued_at, cancel_token_hash)
         VALUES ($1, $2, 'Morag Reid', 'morag.reid@example.org', 'morag.reid@example.org', 'GOING', now(), md5(random()::text))`,
        [event.id, memberId],
      );
    }
    const RSVPS = 'query($id: ID!) { memberRsvps(memberId: $id) { eventTitle status checkedInAt } }';
    const rsvps = await system.graphql<{ memberRsvps: Array<{ eventTitle: string; status: string }> }>(
      RSVPS,
      { id: memberId },
      dundeeOrganiser,
    );
    expect(rsvps.data!.memberRsvps.map((r) => [r.eventTitle, r.status])).toEqual([
      ['Naloxone in Dundee', 'GOING'],
    ]);
    const byAdmin = await system.graphql<{ memberRsvps: unknown[] }>(RSVPS, { id: memberId }, admin);
    expect(byAdmin.data!.memberRsvps).toHaveLength(2);
    const refused = await system.graphql(RSVPS, { id: memberId }, glasgowOrganiser);
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

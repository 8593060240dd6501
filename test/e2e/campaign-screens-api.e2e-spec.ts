import { Branch } from '@app/branches';
import { Letter, LetterCampaign } from '@app/letters';
import { Petition, Signature } from '@app/petitions';
import { createBranch, createMember, createOpenPetition, signIn } from '../factories';
import { createOpenLetterCampaign } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { TestSystem } from '../support/test-system';

const DAY = 24 * 60 * 60 * 1000;

/** The queries the dashboard's campaign screens added: scoped to the branches one organises. */
describe('the campaign screens’ queries', () => {
  let system: TestSystem;
  let glasgow: Branch;
  let dundee: Branch;
  let organiser: string;
  let admin: string;
  let draft: Petition;
  let dundeePetition: Petition;
  let dundeeCampaign: LetterCampaign;

  const codeOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    res.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    system = await TestSystem.start();
    glasgow = await createBranch(system.db, { postcodeAreas: ['G'] });
    dundee = await createBranch(system.db, { postcodeAreas: ['DD'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: glasgow.id }] }),
    );
    admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    draft = await createOpenPetition(system.db, { branchId: glasgow.id, status: 'DRAFT', title: 'A draft' });
    const open = await createOpenPetition(system.db, { branchId: glasgow.id, title: 'Open one' });
    dundeePetition = await createOpenPetition(system.db, { branchId: dundee.id });
    const sign = (petitionId: string, i: number, confirmedAt: Date | null) =>
      system.db.getRepository(Signature).save({
        petitionId,
        fullName: `Signer ${i}`,
        email: `s${i}@example.org`,
        emailCanonical: `s${i}@example.org`,
        status: confirmedAt ? 'CONFIRMED' : 'PENDING',
        confirmedAt,
      });
    await sign(open.id, 1, new Date());
    await sign(open.id, 2, new Date());
    await sign(open.id, 3, new Date(Date.now() - 40 * DAY)); // before the window
    await sign(open.id, 4, null); // not confirmed
    await sign(dundeePetition.id, 5, new Date()); // another branch

    const glasgowCampaign = await createOpenLetterCampaign(system.db, { branchId: glasgow.id });
    dundeeCampaign = await createOpenLetterCampaign(system.db, { branchId: dundee.id });
    const target = await createTarget(system.db);
    for (const [i, campaignId] of [glasgowCampaign.id, glasgowCampaign.id, dundeeCampaign.id].entries()) {
      await system.db.getRepository(Letter).save({
        campaignId,
        targetId: target.id,
        fullName: `Writer ${i}`,
        email: `w${i}@example.org`,
        emailCanonical: `w${i}@example.org`,
        postcode: 'G1 1AA',
        subject: 'S',
        body: 'B',
      });
    }
  });
  afterAll(() => system.stop());

  it('branchPetitions: the branch’s drafts too, for its organisers; another branch is NOT_FOUND', async () => {
    const query =
      'query($b: ID!) { branchPetitions(branchId: $b) { totalCount edges { node { title status } } } }';
    const mine = await system.graphql<{ branchPetitions: { edges: Array<{ node: { title: string } }> } }>(
      query,
      { b: glasgow.id },
      organiser,
    );
    expect(mine.data?.branchPetitions.edges.map((e) => e.node.title).sort()).toEqual(['A draft', 'Open one']);
    const theirs = await system.graphql(query, { b: dundee.id }, organiser);
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    expect(theirs.data).toBeNull();
    expect(codeOf(await system.graphql(query, { b: glasgow.id }))).toBe('UNAUTHENTICATED');
  });

  it('managedPetition and managedLetterCampaign: by id for those who manage them only', async () => {
    const petition = 'query($id: ID!) { managedPetition(id: $id) { title status } }';
    expect((await system.graphql(petition, { id: draft.id }, organiser)).data).toEqual({
      managedPetition: { title: 'A draft', status: 'DRAFT' },
    });
    expect(codeOf(await system.graphql(petition, { id: dundeePetition.id }, organiser))).toBe('NOT_FOUND');
    expect(codeOf(await system.graphql(petition, { id: dundeePetition.id }, admin))).toBeUndefined();
    const campaign = 'query($id: ID!) { managedLetterCampaign(id: $id) { id } }';
    expect(codeOf(await system.graphql(campaign, { id: dundeeCampaign.id }, organiser))).toBe('NOT_FOUND');
    const list = 'query($b: ID!) { branchLetterCampaigns(branchId: $b) { totalCount } }';
    expect(codeOf(await system.graphql(list, { b: dundee.id }, organiser))).toBe('NOT_FOUND');
  });

  it('signatures and letters by day: the branch’s, confirmed signatures, within the window', async () => {
    const query = `query($b: ID!) {
      branchSignaturesByDay(branchId: $b, days: 28) { key count }
      branchLettersByDay(branchId: $b, days: 28) { key count } }`;
    const res = await system.graphql<{
      branchSignaturesByDay: Array<{ count: number }>;
      branchLettersByDay: Array<{ count: number }>;
    }>(query, { b: glasgow.id }, organiser);
    expect(res.data?.branchSignaturesByDay.reduce((sum, d) => sum + d.count, 0)).toBe(2);
    expect(res.data?.branchLettersByDay.reduce((sum, d) => sum + d.count, 0)).toBe(2);
    expect(codeOf(await system.graphql(query, { b: dundee.id }, organiser))).toBe('NOT_FOUND');
    const tooMany = await system.graphql(
      'query($b: ID!) { branchSignaturesByDay(branchId: $b, days: 5000) { key } }',
      { b: glasgow.id },
      organiser,
    );
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('checkLetterTemplates says what the save says, and stores nothing', async () => {
    const subjectTemplate = 'Hello {{target.nmae}}';
    const bodyTemplate = 'Dear {{target.name}}, {{#if x}}no{{/if}}';
    const check = await system.graphql<{
      checkLetterTemplates: { placeholders: string[]; problems: Array<{ field: string; message: string }> };
    }>(
      `query($s: String!, $b: String!) { checkLetterTemplates(subjectTemplate: $s, bodyTemplate: $b) {
        placeholders problems { field message } } }`,
      { s: subjectTemplate, b: bodyTemplate },
      organiser,
    );
    expect(check.data?.checkLetterTemplates.placeholders).toContain('supporter.fullName');
    const problems = check.data?.checkLetterTemplates.problems ?? [];
    expect(problems.map((p) => p.field)).toEqual(['subjectTemplate', 'bodyTemplate']);
    const before = await system.db.getRepository(LetterCampaign).count();
    const save = await system.graphql(
      `mutation($input: CreateLetterCampaignInput!) { createLetterCampaign(input: $input) { id } }`,
      {
        input: {
          title: 'Checked',
          slug: 'checked-letters',
          branchId: glasgow.id,
          targeting: 'MY_MSPS',
          subjectTemplate,
          bodyTemplate,
        },
      },
      organiser,
    );
    expect(save.errors?.[0].extensions).toMatchObject({ reason: 'TEMPLATE_NOT_ACCEPTED', fields: problems });
    expect(await system.db.getRepository(LetterCampaign).count()).toBe(before);
    const fine = await system.graphql<{ checkLetterTemplates: { problems: unknown[] } }>(
      '{ checkLetterTemplates(subjectTemplate: "Hi {{target.name}}", bodyTemplate: "Hi") { problems { field } } }',
      {},
      organiser,
    );
    expect(fine.data?.checkLetterTemplates.problems).toEqual([]);
    expect(codeOf(await system.graphql('{ checkLetterTemplates { placeholders } }'))).toBe('UNAUTHENTICATED');
  });
});

import { Petition } from '@app/petitions';
import { Target } from '@app/targets';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem } from '../support/test-system';

const PREVIEW = `previewLetters(campaignSlug: "limits", postcode: "DD1 4HN", fullName: "Ann") {
  target { name } subject body }`;

/** `count` aliased copies of `field`. */
const aliased = (count: number, field: string): string =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('limits on aliases and on the cost of expensive queries', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // GRAPHQL_MAX_ALIASES and GRAPHQL_MAX_COMPLEXITY at their defaults (15 and 5000).
    system = await TestSystem.start({ worker: false });
    const branch = await createBranch(system.db);
    const organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    const target = await system.db.getRepository(Target).save({
      kind: 'INSTITUTION',
      name: 'Minister for Drugs Policy',
      title: 'Minister',
      organisation: 'Scottish Government',
      email: 'minister@gov.example.org',
    });
    const created = await system.graphql<{ createLetterCampaign: { id: string } }>(
      `mutation($input: CreateLetterCampaignInput!) { createLetterCampaign(input: $input) { id } }`,
      {
        input: {
          title: 'Fund drug checking',
          slug: 'limits',
          branchId: branch.id,
          targeting: 'SELECTED_TARGETS',
          targetIds: [target.id],
          subjectTemplate: 'Drug checking',
          bodyTemplate: 'Dear {{target.name}}, please fund drug checking. {{supporter.fullName}}',
          requirePersonalisation: false,
        },
      },
      organiser,
    );
    await system.graphql(
      `mutation { openLetterCampaign(id: "${created.data!.createLetterCampaign.id}") { status } }`,
      {},
      organiser,
    );
  });
  afterAll(() => system.stop());

  it('refuses a request with 500 aliases of previewLetters before running any of them', async () => {
    const res = await system.graphql(aliased(500, PREVIEW));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toBe('This request uses too many aliases (the limit is 15).');
    expect(res.errors![0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'TOO_MANY_ALIASES',
    });
  });

  it('allows 15 aliases and counts those inside fragments', async () => {
    expect((await system.graphql(aliased(15, 'branches { id }'))).errors).toBeUndefined();
    expect((await system.graphql(aliased(16, 'branches { id }'))).status).toBe(400);
    const viaFragment = await system.graphql(
      `fragment F on Query { ${Array.from({ length: 8 }, (_, i) => `f${i}: branches { id }`).join(' ')} }
       { ...F ${Array.from({ length: 8 }, (_, i) => `q${i}: branches { id }`).join(' ')} }`,
    );
    expect(viaFragment.errors?.[0].message).toContain('too many aliases');
  });

  it('gives previewLetters and representatives a cost for the postcode lookups they make', async () => {
    const few = await system.graphql<Record<string, Array<{ body: string }>>>(aliased(4, PREVIEW));
    expect(few.errors).toBeUndefined();
    expect(few.data!.a3[0].body).toBe('Dear Minister for Drugs Policy, please fund drug checking. Ann');

    const many = await system.graphql(aliased(10, PREVIEW));
    expect(many.status).toBe(400);
    expect(many.errors?.[0].message).toContain('asks for too much at once');

    const lookups = await system.graphql(aliased(11, 'representatives(postcode: "DD1 4HN") { name }'));
    expect(lookups.errors?.[0].message).toContain('asks for too much at once');
    const fewer = await system.graphql(aliased(5, 'representatives(postcode: "DD1 4HN") { name }'));
    expect(fewer.errors?.every((e) => !e.message.includes('too much'))).toBe(true);
  });

  it('counts figures computed per call for every item of a list, and not those batched per request', async () => {
    const stats = 'stats { written confirmed sent failed }';
    expect(
      (await system.graphql(`{ letterCampaigns(first: 50) { edges { node { ${stats} } } } }`)).errors?.[0]
        .message,
    ).toContain('asks for too much at once');
    // Together with other costly fields: twelve pledgeStats and two previews are over the limit.
    const mixed = await system.graphql(
      `{ ${Array.from({ length: 12 }, (_, i) => `s${i}: pledgeStats { verifiedVenues }`).join(' ')}
         p1: ${PREVIEW} p2: ${PREVIEW} }`,
    );
    expect(mixed.errors?.[0].message).toContain('asks for too much at once');

    // A petition's counts come from one query for the whole list (a DataLoader).
    await system.db.getRepository(Petition).save({
      slug: 'limits',
      title: 'Drug checking in every city',
      summary: 'Free, confidential drug checking services.',
      body: 'We call on the Scottish Government to fund drug checking services.',
      targetName: 'Scottish Government',
      goal: 100,
      status: 'OPEN',
    });
    const listed = await system.graphql(
      '{ petitions(first: 50) { edges { node { signaturesByDay { key count } signaturesByConstituency { key count } } } } }',
    );
    expect(listed.errors).toBeUndefined();
  });
});

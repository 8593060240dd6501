import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { CampaignEvent } from '@app/events';
import { OutboxMessage } from '@app/mail';
import { Member } from '@app/members';
import { Petition } from '@app/petitions';
import { createBranch, createMember, signIn } from '../factories';
import { GraphqlResponse, TestSystem } from '../support/test-system';

const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const joinInput = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Morag Ross',
  email: 'morag@example.org',
  postcode: 'KY1 1AA',
  emailOptIn: false,
  ...overrides,
});

/** The error's code and the fields it names. */
const problem = (res: GraphqlResponse) => ({
  status: res.status,
  code: res.errors?.[0].extensions?.code,
  fields: res.errors?.[0].extensions?.fields?.map((f) => f.field),
});

// Production mode, as the attack run used: error detail is off there, the fields must still come back.
describe('bad input is BAD_USER_INPUT or NOT_FOUND naming the field, never a 500', () => {
  let system: TestSystem;
  let admin: string;
  let branchId: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false, env: { NODE_ENV: 'production' } });
    admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    branchId = (await createBranch(system.db, { postcodeAreas: ['KY'] })).id;
  });
  afterAll(() => system.stop());

  const nothingWritten = async () => {
    expect(await system.db.getRepository(Member).countBy({ email: 'morag@example.org' })).toBe(0);
    expect(await system.db.getRepository(OutboxMessage).countBy({ toAddress: 'morag@example.org' })).toBe(0);
  };

  it('refuses variables with an unknown field, a wrong type or a missing value, naming each field', async () => {
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ input: joinInput({ favouriteColour: 'green' }) }, ['favouriteColour']],
      [{ input: joinInput({ emailOptIn: 'yes' }) }, ['emailOptIn']],
      [{ input: joinInput({ postcode: 42 }) }, ['postcode']],
      [{ input: { fullName: 'Morag Ross', email: 'morag@example.org' } }, ['postcode', 'emailOptIn']],
      [{ input: joinInput({ fullName: null }) }, ['fullName']],
      [{ input: 'morag@example.org' }, ['input']],
      [{ input: null }, ['input']],
      [{}, ['input']],
    ];
    for (const [variables, fields] of cases) {
      const res = await system.graphql(JOIN, variables);
      expect(problem(res)).toEqual({ status: 400, code: 'BAD_USER_INPUT', fields });
      expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean/);
    }
    // Scalars and lists of them, by variable name; an Int that does not fit in 32 bits.
    const members = await system.graphql(
      'query($first: Int) { members(first: $first) { totalCount } }',
      { first: 99_999_999_999 },
      admin,
    );
    expect(problem(members)).toEqual({ status: 400, code: 'BAD_USER_INPUT', fields: ['first'] });
    const commitments = await system.graphql(
      'mutation($input: ChangeCommitmentsInput!) { changePledgeCommitments(input: $input) { id } }',
      { input: { id: MISSING_ID, commitments: ['water', { code: 'water' }] } },
    );
    expect(problem(commitments)).toEqual({ status: 400, code: 'BAD_USER_INPUT', fields: ['commitments.1'] });
    await nothingWritten();
  });

  it('answers malformed requests Apollo refuses without a code as BAD_REQUEST', async () => {
    for (const persistedQuery of [
      { version: 1, sha256Hash: 'not-the-hash-of-this-query' },
      { version: 2, sha256Hash: 'abc' },
    ]) {
      const res = await system
        .http()
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({ query: '{ branches { id } }', extensions: { persistedQuery } });
      expect(res.status).toBe(400);
      expect((res.body as GraphqlResponse).errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    }
  });

  it('refuses text with NUL characters (which PostgreSQL cannot store) in variables and in the query', async () => {
    const variable = await system.graphql(JOIN, { input: joinInput({ fullName: 'Morag\u0000Ross' }) });
    expect(problem(variable)).toEqual({ status: 400, code: 'BAD_USER_INPUT', fields: ['fullName'] });

    const literal = await system.graphql(
      'mutation { joinCampaign(input: { fullName: "Morag\\u0000Ross", email: "morag@example.org", postcode: "KY1 1AA", emailOptIn: false }) { status } }',
    );
    expect(problem(literal)).toEqual({ status: 400, code: 'BAD_USER_INPUT', fields: ['fullName'] });

    const note = await system.graphql(
      'mutation($id: ID!, $note: String!) { rejectPledge(id: $id, note: $note) { id } }',
      { id: MISSING_ID, note: 'no\u0000' },
      admin,
    );
    expect(problem(note)).toEqual({ status: 400, code: 'BAD_USER_INPUT', fields: ['note'] });
    await nothingWritten();

    // The plain HTTP door: a NUL in a path is bad input too (it reached PostgreSQL as a 500 before).
    const calendar = await system.http().get('/branches/a%00b/events.ics');
    expect(calendar.status).toBe(400);
    expect(calendar.body).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('answers an id that does not exist with NOT_FOUND naming the field, and writes nothing', async () => {
    const before = {
      members: await system.db.getRepository(Member).count(),
      events: await system.db.getRepository(CampaignEvent).count(),
      petitions: await system.db.getRepository(Petition).count(),
    };
    const member = await system.graphql(
      'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      {
        input: {
          branchId: MISSING_ID,
          email: 'morag@example.org',
          fullName: 'Morag Ross',
          emailOptIn: false,
        },
      },
      admin,
    );
    expect(problem(member)).toEqual({ status: 200, code: 'NOT_FOUND', fields: ['branchId'] });
    expect(member.errors?.[0].message).toBe('Branch was not found.');

    const event = await system.graphql(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          branchId: MISSING_ID,
          kind: 'TRAINING',
          title: 'Naloxone training',
          isTraining: true,
          trainingKind: 'naloxone',
          certificateValidMonths: 12,
          startsAt: '2031-03-01T18:00:00Z',
          endsAt: '2031-03-01T20:00:00Z',
          location: { name: 'Community hall' },
        },
      },
      admin,
    );
    expect(problem(event)).toEqual({ status: 200, code: 'NOT_FOUND', fields: ['branchId'] });

    const petition = await system.graphql(
      'mutation($input: CreatePetitionInput!) { createPetition(input: $input) { id } }',
      {
        input: {
          branchId: MISSING_ID,
          slug: 'drug-checking-now',
          title: 'Drug checking in every city',
          summary: 'Free drug checking services',
          body: 'We call on the council to fund drug checking.',
          targetName: 'The council',
          goal: 100,
        },
      },
      admin,
    );
    expect(problem(petition)).toEqual({ status: 200, code: 'NOT_FOUND', fields: ['branchId'] });

    expect({
      members: await system.db.getRepository(Member).count(),
      events: await system.db.getRepository(CampaignEvent).count(),
      petitions: await system.db.getRepository(Petition).count(),
    }).toEqual(before);
  });

  it('never answers INTERNAL_SERVER_ERROR for an id that does not exist, in any operation taking ids', async () => {
    const { schema } = system.api.get(GraphQLSchemaHost);
    const sample = (typeName: string, enumValue?: string): unknown => {
      switch (typeName) {
        case 'ID':
          return MISSING_ID;
        case 'String':
          return 'A note about this';
        case 'Int':
        case 'Float':
          return 1;
        case 'Boolean':
          return false;
        case 'DateTime':
          return '2031-01-01T00:00:00Z';
        default:
          return enumValue;
      }
    };
    const operations = (kind: 'query' | 'mutation', root: GraphQLObjectType | null | undefined) =>
      Object.values(root?.getFields() ?? {})
        .filter((field: GraphQLField<unknown, unknown>) =>
          field.args.every((arg) => isLeafType(getNamedType(arg.type))),
        )
        .filter((field) => field.args.some((arg) => getNamedType(arg.type).name === 'ID'))
        .map((field) => {
          const args = field.args.filter(
            (arg) => isNonNullType(arg.type) || getNamedType(arg.type).name === 'ID',
          );
          const variables = Object.fromEntries(
            args.map((arg) => {
              const type = getNamedType(arg.type);
              const value = sample(type.name, isEnumType(type) ? type.getValues()[0].name : undefined);
              return [arg.name, isScalarType(type) || isEnumType(type) ? value : undefined];
            }),
          );
          const declared = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
          const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
          const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
          return {
            name: field.name,
            query: `${kind}(${declared}) { ${field.name}(${passed})${selection} }`,
            variables,
          };
        });
    const all = [
      ...operations('query', schema.getQueryType()),
      ...operations('mutation', schema.getMutationType()),
    ];
    expect(all.length).toBeGreaterThan(20);
    // Operations taking ids inside an input object, by hand.
    const memberId = (await createMember(system.db)).id;
    const inputs: Array<[string, string, Record<string, unknown>]> = [
      ['updateMember', 'UpdateMemberInput', { id: memberId, branchId: MISSING_ID }],
      ['updateMember ', 'UpdateMemberInput', { id: MISSING_ID, fullName: 'Morag Ross' }],
      ['grantRole', 'RoleInput', { memberId, role: 'ORGANISER', branchId: MISSING_ID }],
      ['revokeRole', 'RoleInput', { memberId: MISSING_ID, role: 'ORGANISER', branchId: MISSING_ID }],
      ['rsvp', 'RsvpInput', { ...joinInput(), eventId: MISSING_ID }],
      ['registerWalkIn', 'RsvpInput', { ...joinInput(), eventId: MISSING_ID }],
      ['tagMembers', 'TagMembersInput', { memberIds: [MISSING_ID], tags: ['naloxone'] }],
      ['untagMembers', 'TagMembersInput', { memberIds: [MISSING_ID], tags: ['naloxone'] }],
      ['updateBranch', 'UpdateBranchInput', { id: MISSING_ID, name: 'Leith' }],
      ['updateEvent', 'UpdateEventInput', { id: MISSING_ID, title: 'Peer support' }],
      ['updatePetition', 'UpdatePetitionInput', { id: MISSING_ID, title: 'Drug checking now' }],
      ['updateLetterCampaign', 'UpdateLetterCampaignInput', { id: MISSING_ID, title: 'Write to your MSPs' }],
      ['updateVenue', 'UpdateVenueInput', { id: MISSING_ID, name: 'The Venue' }],
      ['changePledgeCommitments', 'ChangeCommitmentsInput', { id: MISSING_ID, commitments: ['water'] }],
      [
        'createLetterCampaign',
        'CreateLetterCampaignInput',
        {
          branchId: MISSING_ID,
          slug: 'write-to-your-msps',
          title: 'Write to your MSPs',
          subjectTemplate: 'Safer drug consumption facilities',
          bodyTemplate: 'Please support safer drug consumption facilities in Scotland.',
          targeting: 'MY_MSPS',
        },
      ],
    ];
    for (const [name, type, input] of inputs) {
      all.push({
        name,
        query: `mutation($input: ${type}!) { ${name.trim()}(input: $input) { __typename } }`,
        variables: { input },
      });
    }
    const answers: Record<string, unknown> = {};
    for (const operation of all) {
      const res = await system.graphql(operation.query, operation.variables, admin);
      answers[operation.name] = res.errors?.[0].extensions?.code ?? 'ok';
    }
    expect(Object.entries(answers).filter(([, code]) => code === 'INTERNAL_SERVER_ERROR')).toEqual([]);
    // Moving a member to a branch that does not exist names the field.
    expect(answers.updateMember).toBe('NOT_FOUND');
  });

  it('imports the other rows of a CSV file when one cell holds a NUL character', async () => {
    const res = await system
      .http()
      .post(`/branches/${branchId}/members/import`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'text/csv')
      .send('email,full_name\nnul@example.org,Nul\u0000Name\nkept@example.org,Eilidh Grant\n');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: [{ line: 2 }] });
    expect(await system.db.getRepository(Member).countBy({ email: 'kept@example.org' })).toBe(1);
    expect(await system.db.getRepository(Member).countBy({ email: 'nul@example.org' })).toBe(0);
  });
});

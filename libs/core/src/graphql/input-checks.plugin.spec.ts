import { buildSchema, Kind, OperationDefinitionNode, parse } from 'graphql';
import { literalProblems, variableProblems } from './input-checks.plugin';

const schema = buildSchema(`
  input Venue { name: String!, postcode: String }
  input Pledge { venue: Venue!, commitments: [String!]!, notes: String! = "", kind: Kind }
  enum Kind { CLUB BAR }
  type Query { ok: Boolean }
  type Mutation { pledge(input: Pledge!, ids: [ID!], first: Int): Boolean }
`);

const QUERY =
  'mutation($input: Pledge!, $ids: [ID!], $first: Int) { pledge(input: $input, ids: $ids, first: $first) }';
const operation = parse(QUERY).definitions.find(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
)!;
const fields = (variables: Record<string, unknown>) =>
  variableProblems(schema, operation, variables).map((p) => p.field);
const good = { venue: { name: 'The Arches' }, commitments: ['water'] };

describe('variableProblems', () => {
  it('finds nothing wrong with good variables (defaults and a single value for a list included)', () => {
    expect(fields({ input: good })).toEqual([]);
    expect(fields({ input: { ...good, commitments: 'water' }, ids: 'a', first: 3 })).toEqual([]);
  });

  it('names every field inside an input object, and other variables by their own name', () => {
    expect(
      fields({
        input: { venue: { postcode: 5, colour: 'red' }, commitments: ['water', null], kind: 'PUB' },
        ids: ['a', { id: 1 }],
        first: 2 ** 40,
      }),
    ).toEqual(['venue.colour', 'venue.name', 'venue.postcode', 'commitments.1', 'kind', 'ids.1', 'first']);
  });

  it('names the variable for a missing, null or wrong-shaped value', () => {
    expect(fields({})).toEqual(['input']);
    expect(fields({ input: null })).toEqual(['input']);
    expect(fields({ input: ['x'] })).toEqual(['input']);
  });

  it('refuses NUL characters and keeps the schema out of its messages', () => {
    const problems = variableProblems(schema, operation, {
      input: { ...good, venue: { name: 'The\u0000Arches' }, kind: 'CLU' },
    });
    expect(problems.map((p) => p.field)).toEqual(['venue.name', 'kind']);
    expect(JSON.stringify(problems)).not.toContain('Did you mean');
  });
});

describe('literalProblems', () => {
  it('names the field or argument of a string literal holding a NUL character', () => {
    const document = parse(
      'mutation { pledge(input: { venue: { name: "The\\u0000Arches" }, commitments: ["ok", "w\\u0000"] }) }',
    );
    expect(literalProblems(document).map((p) => p.field)).toEqual(['name', 'commitments']);
  });
});

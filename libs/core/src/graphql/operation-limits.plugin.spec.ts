import { FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { rootFieldNames, selectionDepth } from './operation-limits.plugin';

function parts(source: string): {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
} {
  const document = parse(source);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { operation, fragments };
}

describe('selectionDepth', () => {
  it('counts nested fields', () => {
    const { operation, fragments } = parts('{ a { b { c } } d }');
    expect(selectionDepth(operation.selectionSet, fragments)).toBe(3);
  });

  it('follows fragments and inline fragments', () => {
    const { operation, fragments } = parts('fragment F on T { x { y { z } } } { a { ...F ... on T { w } } }');
    expect(selectionDepth(operation.selectionSet, fragments)).toBe(4);
  });

  it('does not loop on a fragment that spreads itself', () => {
    const { operation, fragments } = parts('fragment F on T { x { ...F } } { a { ...F } }');
    expect(selectionDepth(operation.selectionSet, fragments)).toBe(2);
  });

  it('ignores introspection fields', () => {
    const { operation, fragments } = parts('{ __schema { types { fields { type { ofType { name } } } } } }');
    expect(selectionDepth(operation.selectionSet, fragments)).toBe(0);
  });
});

describe('rootFieldNames', () => {
  it('counts every occurrence, through aliases and fragments', () => {
    const { operation, fragments } = parts(
      'fragment M on Mutation { c: sign } mutation { a: sign b: sign ...M ... on Mutation { join } }',
    );
    expect(rootFieldNames(operation, fragments)).toEqual(['sign', 'sign', 'sign', 'join']);
  });
});

import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import {
  FragmentDefinitionNode,
  getVariableValues,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
  ValidationRule,
} from 'graphql';
import {
  ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { PUBLIC_MUTATIONS } from '../auth/decorators';

export interface OperationLimits {
  maxDepth: number;
  maxComplexity: number;
}

/**
 * What a field that does real work on each call costs, on top of what it selects (`complexity`
 * on its @Query or @ResolveField). An ordinary field costs 1 and a list asked for with `first: n`
 * n times its items, against GRAPHQL_MAX_COMPLEXITY (5000 by default).
 */
export const FIELD_COST = {
  /** Places a postcode (the imported table, or an outside service) and finds the representatives. */
  POSTCODE_LOOKUP: 500,
  /** A postcode placed, then a letter rendered for each of up to eight recipients. */
  LETTER_PREVIEW: 1000,
  /**
   * Figures computed with several queries on each call, not batched across a list (pledgeStats, a
   * letter campaign's stats, attendance). Figures that go through a per-request DataLoader (a
   * petition's counts) cost what an ordinary field does: one query serves the whole list.
   */
  AGGREGATE: 250,
} as const;

/**
 * GraphQL Armor's max-aliases rule (its default, 15, is GRAPHQL_MAX_ALIASES'), as an Apollo
 * validation rule: a document with more aliases is refused before anything runs, as
 * GRAPHQL_VALIDATION_FAILED (HTTP 400, reason TOO_MANY_ALIASES), so one request cannot repeat an expensive field hundreds
 * of times under different names.
 */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return maxAliasesRule({
    n: maxAliases,
    propagateOnRejection: false,
    onReject: [
      (context) =>
        context?.reportError(
          new GraphQLError(`This request uses too many aliases (the limit is ${maxAliases}).`, {
            extensions: { reason: 'TOO_MANY_ALIASES' },
          }),
        ),
    ],
  });
}

type Fragments = Record<string, FragmentDefinitionNode>;

/** A refusal before anything runs: BAD_USER_INPUT (HTTP 400) with the limit's own reason. */
function rejected(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } },
  });
}

/** Depth of the deepest selection, following fragments; introspection fields are not counted. */
export function selectionDepth(
  set: SelectionSetNode,
  fragments: Fragments,
  seen = new Set<string>(),
): number {
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) {
        continue;
      }
      const below = selection.selectionSet ? selectionDepth(selection.selectionSet, fragments, seen) : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (fragment && !seen.has(name)) {
        deepest = Math.max(
          deepest,
          selectionDepth(fragment.selectionSet, fragments, new Set(seen).add(name)),
        );
      }
    }
  }
  return deepest;
}

/** Root field names of an operation (aliases and fragments included, each occurrence counted). */
export function rootFieldNames(operation: OperationDefinitionNode, fragments: Fragments): string[] {
  const names: string[] = [];
  const visit = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        names.push(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
        visit(fragments[selection.name.value].selectionSet, new Set(seen).add(selection.name.value));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return names;
}

/** A list asked for with `first: n` costs n times its items. */
const paginationEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + childComplexity * Math.max(1, args.first) : undefined;

/**
 * Guards every operation before it runs: depth and cost limits, and at most one public mutation
 * per request (aliases, fragments and repeats cannot multiply a sign-up or a signature).
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<object>> {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) {
            return;
          }
          const fragments: Fragments = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) {
              fragments[definition.name.value] = definition;
            }
          }
          const depth = selectionDepth(operation.selectionSet, fragments);
          if (depth > limits.maxDepth) {
            throw rejected(
              `This query is nested too deeply (${depth} levels; the limit is ${limits.maxDepth}).`,
              'QUERY_TOO_DEEP',
            );
          }
          // Variables that do not fit their types cannot be costed; the input checks refuse them
          // as BAD_USER_INPUT (getComplexity would throw a bare error, which became a 500).
          if (
            getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors
          ) {
            return;
          }
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [
              fieldExtensionsEstimator(),
              paginationEstimator,
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          if (complexity > limits.maxComplexity) {
            throw rejected(
              `This query asks for too much at once (cost ${complexity}; the limit is ${limits.maxComplexity}).`,
              'QUERY_TOO_COSTLY',
            );
          }
          if (operation.operation === OperationTypeNode.MUTATION) {
            const roots = rootFieldNames(operation, fragments);
            if (roots.length > 1 && roots.some((name) => PUBLIC_MUTATIONS.has(name))) {
              throw rejected(
                'A request may carry only one public mutation, on its own.',
                'ONE_PUBLIC_MUTATION',
              );
            }
          }
        },
      };
    },
  };
}

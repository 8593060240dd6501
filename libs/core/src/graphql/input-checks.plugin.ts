import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  ASTNode,
  DocumentNode,
  getVariableValues,
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  typeFromAST,
  visit,
} from 'graphql';
import { BadUserInputError, FieldProblem } from '../errors/domain.errors';

const NUL = '\u0000';
const NUL_MESSAGE = 'must not contain NUL characters';

/** graphql-js's "Did you mean …?" hints describe the schema (introspection is off in production). */
const withoutHints = (message: string): string => message.replace(/\s*Did you mean .*$/s, '');

/** A field's path as the validation pipe names it: `postcode`, `venue.postcode`, `commitments.2`. */
const join = (path: readonly string[]): string => path.join('.');

/**
 * What is wrong with one variable's value for its type, field by field. Follows graphql-js's
 * coercion (a single value where a list is expected is a list of one; a missing field with a default
 * is fine), and also refuses NUL characters, which PostgreSQL cannot store in text.
 */
function valueProblems(type: GraphQLInputType, value: unknown, path: string[], out: FieldProblem[]): void {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) {
      out.push({ field: join(path), message: 'is required' });
      return;
    }
    valueProblems(type.ofType, value, path, out);
    return;
  }
  if (value === null || value === undefined) {
    return;
  }
  if (isListType(type)) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => valueProblems(type.ofType, item, [...path, String(index)], out));
    } else {
      valueProblems(type.ofType, value, path, out);
    }
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push({ field: join(path), message: 'must be an object' });
      return;
    }
    const given = value as Record<string, unknown>;
    const fields = type.getFields();
    for (const key of Object.keys(given)) {
      if (!Object.hasOwn(fields, key)) {
        out.push({ field: join([...path, key]), message: 'is not a field of this input' });
      }
    }
    for (const field of Object.values(fields)) {
      const fieldValue = given[field.name];
      if (fieldValue === undefined) {
        if (isNonNullType(field.type) && field.defaultValue === undefined) {
          out.push({ field: join([...path, field.name]), message: 'is required' });
        }
        continue;
      }
      valueProblems(field.type, fieldValue, [...path, field.name], out);
    }
    return;
  }
  if (isLeafType(type)) {
    if (typeof value === 'string' && value.includes(NUL)) {
      out.push({ field: join(path), message: NUL_MESSAGE });
      return;
    }
    try {
      if (type.parseValue(value) === undefined) {
        out.push({ field: join(path), message: `is not a valid ${type.name}` });
      }
    } catch (error) {
      // graphql-js's own words ("Boolean cannot represent a non boolean value"), without its
      // "Did you mean …?" hints, which would describe the schema.
      const message = error instanceof Error ? withoutHints(error.message) : '';
      out.push({ field: join(path), message: message || `is not a valid ${type.name}` });
    }
  }
}

/**
 * Every problem with the request's variables, named by field: inside an input object the field's
 * path (as the validation pipe names them), or the variable itself for a whole value.
 */
export function variableProblems(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) {
      continue; // document validation has already refused it
    }
    const value = variables[name];
    if (value === undefined) {
      if (isNonNullType(type) && !definition.defaultValue) {
        problems.push({ field: name, message: 'is required' });
      }
      continue;
    }
    // Inside an input object, fields are named as the validation pipe names them (`postcode`);
    // any other variable by its own name first (`ids.2`).
    const named = isNonNullType(type) ? type.ofType : type;
    const own: FieldProblem[] = [];
    valueProblems(type, value, isInputObjectType(named) ? [] : [name], own);
    problems.push(...own.map((problem) => ({ ...problem, field: problem.field || name })));
  }
  if (problems.length === 0) {
    // graphql-js has the last word on coercion: anything it refuses that the walk above let through
    // is still refused, named by its variable.
    const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    for (const error of errors ?? []) {
      const node = error.nodes?.[0];
      problems.push({
        field: node?.kind === Kind.VARIABLE_DEFINITION ? node.variable.name.value : 'variables',
        message: withoutHints(error.message),
      });
    }
  }
  return problems;
}

/** String literals written into the query itself that hold NUL characters, named by argument or field. */
export function literalProblems(document: DocumentNode): FieldProblem[] {
  const problems: FieldProblem[] = [];
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (!node.value.includes(NUL)) {
        return;
      }
      const named = [...ancestors, parent]
        .reverse()
        .find(
          (ancestor): ancestor is ASTNode & { name: { value: string } } =>
            !Array.isArray(ancestor) &&
            ((ancestor as ASTNode).kind === Kind.OBJECT_FIELD ||
              (ancestor as ASTNode).kind === Kind.ARGUMENT),
        );
      problems.push({ field: named?.name.value ?? 'query', message: NUL_MESSAGE });
    },
  });
  return problems;
}

/** A request-level BAD_USER_INPUT (HTTP 400) that keeps the failing fields on its way to the formatter. */
export function badRequest(error: BadUserInputError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, fields: error.fields, http: { status: 400 } },
  });
}

/**
 * Checks every request's input before anything runs: variables that do not fit their types (an
 * unknown field, a wrong type, a missing required value) and text holding NUL characters are
 * BAD_USER_INPUT naming each field, never an INTERNAL_SERVER_ERROR.
 */
export function inputChecksPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<object>> {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) {
            return;
          }
          const problems = [
            ...variableProblems(schema, operation, request.variables ?? {}),
            ...literalProblems(document),
          ];
          if (problems.length > 0) {
            throw badRequest(
              new BadUserInputError(
                `Please check: ${[...new Set(problems.map((p) => p.field))].join(', ')}.`,
                problems,
              ),
            );
          }
        },
      };
    },
  };
}

import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum from a list of string values (the entity's `as const` list), registered under
 * `name`: the values are their own names, so entity, API and database agree.
 */
export function graphqlEnum<T extends string>(
  values: readonly T[],
  name: string,
  description?: string,
): { [K in T]: K } {
  const graphqlEnumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
  registerEnumType(graphqlEnumObject, { name, description });
  return graphqlEnumObject;
}

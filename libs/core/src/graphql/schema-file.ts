import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The schema as committed in apps/api/schema.gql: sorted, so a diff shows only real changes. */
export function renderSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

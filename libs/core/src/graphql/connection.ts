import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/domain.errors';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: 'How many, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `node` (`edges { node cursor }`, `pageInfo`, `totalCount`). */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Cursor {
  at: string;
  id: string;
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof parsed.at === 'string' &&
      typeof parsed.id === 'string' &&
      UUID.test(parsed.id) &&
      !Number.isNaN(Date.parse(parsed.at))
    ) {
      return { at: new Date(parsed.at).toISOString(), id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new BadUserInputError('That cursor is not valid.', [{ field: 'after', message: 'is not a cursor' }]);
}

/**
 * Keyset pagination, newest first, over rows with `createdAt` and `id`: stable while rows are
 * added, and as fast on page 1,000 as on page 1. `totalCount` counts every row the filters match.
 */
export async function paginate<E extends ObjectLiteral & { id: string; createdAt: Date }, T>(
  query: SelectQueryBuilder<E>,
  args: ConnectionArgs,
  toNode: (row: E) => T,
): Promise<ConnectionShape<T>> {
  const alias = query.alias;
  // Postgres keeps microseconds, JavaScript dates milliseconds: compare and order at the precision
  // the cursor carries, so no row is skipped or repeated between pages.
  const at = `date_trunc('milliseconds', ${alias}.created_at)`;
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  if (args.after) {
    const cursor = decodeCursor(args.after);
    page.andWhere(`(${at}, ${alias}.id) < (:cursorAt::timestamptz, :cursorId::uuid)`, {
      cursorAt: cursor.at,
      cursorId: cursor.id,
    });
  }
  const rows = await page
    .orderBy(at, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(args.first + 1)
    .getMany();
  const visible = rows.slice(0, args.first);
  const edges = visible.map((row) => ({ node: toNode(row), cursor: encodeCursor(row.createdAt, row.id) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

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

export interface PageOrder {
  /** Column (snake_case) and entity property holding the sort key; a timestamp. */
  column: string;
  property: string;
  direction: 'ASC' | 'DESC';
}

const NEWEST_FIRST: PageOrder = { column: 'created_at', property: 'createdAt', direction: 'DESC' };

/**
 * Keyset pagination over rows with a timestamp sort key and an `id` (newest first unless told):
 * stable while rows are added, and as fast on page 1,000 as on page 1. `totalCount` counts every
 * row the filters match.
 */
export async function paginate<E extends ObjectLiteral & { id: string }, T>(
  query: SelectQueryBuilder<E>,
  args: ConnectionArgs,
  toNode: (row: E) => T,
  order: PageOrder = NEWEST_FIRST,
): Promise<ConnectionShape<T>> {
  const alias = query.alias;
  // Postgres keeps microseconds, JavaScript dates milliseconds: compare and order at the precision
  // the cursor carries, so no row is skipped or repeated between pages.
  const at = `date_trunc('milliseconds', ${alias}.${order.column})`;
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  if (args.after) {
    const cursor = decodeCursor(args.after);
    const comparison = order.direction === 'DESC' ? '<' : '>';
    page.andWhere(`(${at}, ${alias}.id) ${comparison} (:cursorAt::timestamptz, :cursorId::uuid)`, {
      cursorAt: cursor.at,
      cursorId: cursor.id,
    });
  }
  const rows = await page
    .orderBy(at, order.direction)
    .addOrderBy(`${alias}.id`, order.direction)
    .limit(args.first + 1)
    .getMany();
  const visible = rows.slice(0, args.first);
  const edges = visible.map((row) => ({
    node: toNode(row),
    cursor: encodeCursor(row[order.property] as Date, row.id),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

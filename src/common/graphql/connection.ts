import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'Page size, 1 to 100.' })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(4096)
  after?: string;
}

/** A total, or how to count it: the function runs only when the query reads `totalCount`. */
export type TotalCount = number | (() => Promise<number>);

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/** A Relay connection type for `node`: edges, nodes, pageInfo and totalCount. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [node]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return ConnectionType as Type<ConnectionShape<T>>;
}

/**
 * Builds a connection from a keyset page: every edge's cursor resumes after
 * that edge, so clients may page from any edge. Edges (one cursor each) are
 * built only if the query reads them, and a `totalCount` function runs only
 * if it is selected: a page of 100
 * devices with 10 collections each would otherwise encode 1,100 cursors and
 * count every device for nothing. Getters, because Nest's field resolvers
 * read properties (they do not call function-valued ones).
 */
export function toConnection<T, R>(items: T[], nextCursor: string | undefined, totalCount: TotalCount, map: (item: T) => R, cursorOf: (item: T) => string): ConnectionShape<R> {
  const nodes = items.map(map);
  let edges: { cursor: string; node: R }[] | undefined;
  let counted: Promise<number> | undefined;
  const last = items.length - 1;
  return {
    get edges() {
      return (edges ??= items.map((item, i) => ({ cursor: cursorOf(item), node: nodes[i] })));
    },
    nodes,
    pageInfo: {
      hasNextPage: nextCursor !== undefined,
      hasPreviousPage: false,
      get startCursor() {
        return last >= 0 ? (edges?.[0].cursor ?? cursorOf(items[0])) : null;
      },
      get endCursor() {
        return last >= 0 ? (edges?.[last].cursor ?? cursorOf(items[last])) : null;
      },
    },
    get totalCount() {
      return typeof totalCount === 'number' ? totalCount : (counted ??= totalCount());
    },
  };
}

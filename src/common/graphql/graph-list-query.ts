import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from '@nestjs/common';
import { FilterNode } from '../filter/filter-ast';
import { compileFilter } from '../filter/filter-compiler';
import { FieldMap } from '../filter/filter-fields';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { fingerprintOf, sortValuesOf } from '../paging/keyset';
import { ListQuery, OrderKey, Page } from '../paging/list-query';
import { parseOrderBy } from '../paging/select-orderby';
import { ConnectionShape, toConnection, TotalCount } from './connection';

export enum OrderDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

/** `{field, direction}` over a feature's enum of sortable fields. */
export function OrderByInput(fieldEnum: object, name: string): Type<{ field: string; direction?: OrderDirection }> {
  @InputType(`${name}Order`)
  class OrderInput {
    @Field(() => fieldEnum) field: string;
    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction?: OrderDirection;
  }
  return OrderInput;
}

export interface GraphListArgs {
  filter?: FilterNode;
  orderBy?: { field: string; direction?: string }[];
  first?: number;
  after?: string;
}

/** The GraphQL twin of toListQuery: same field map, same checks, same cursors. */
export function graphListQuery(fields: FieldMap, args: GraphListArgs, defaultOrder: OrderKey[]): ListQuery {
  if (args.filter) compileFilter(args.filter, fields);
  const order = args.orderBy?.length ? args.orderBy.map((o) => `${o.field} ${o.direction ?? 'asc'}`).join(',') : undefined;
  const query: ListQuery = { top: args.first ?? 50, filter: args.filter, orderBy: parseOrderBy(order, fields, defaultOrder) };
  if (args.after) query.cursor = decodeCursor(args.after, fingerprintOf(query));
  return query;
}

/** A connection whose every edge cursor resumes after that edge. */
export function pagedConnection<T extends object, R>(page: Page<T>, totalCount: TotalCount, query: ListQuery, map: (item: T) => R, idOf: (item: T) => string): ConnectionShape<R> {
  let q: string | undefined;
  return toConnection(page.items, page.nextCursor, totalCount, map, (item) => encodeCursor({ values: sortValuesOf(item, query), id: idOf(item), q: (q ??= fingerprintOf(query)) }));
}

import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { compileFilter } from '../filter/filter-compiler';
import { FieldMap } from '../filter/filter-fields';
import { encodeCursor, queryFingerprint } from './cursor';
import { ListQuery, Page } from './list-query';

/**
 * Applies filter, order and keyset paging to a query builder. NULLs sort as
 * PostgreSQL sorts them by default (last ascending, first descending), and
 * the id breaks ties, so pages never overlap or skip rows.
 */
export function applyListQuery<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, query: ListQuery, fields: FieldMap, idColumn: string): void {
  if (query.filter) {
    const { sql, params } = compileFilter(query.filter, fields, 'lf');
    qb.andWhere(sql, params);
  }
  const keys = query.orderBy.map((key) => ({ column: fields[key.field].column, direction: key.direction }));
  if (query.cursor) {
    const values = query.cursor.values;
    const alternatives: string[] = [];
    const params: Record<string, unknown> = { ksId: query.cursor.id };
    keys.forEach((key, i) => {
      const name = `ks${i}`;
      params[name] = values[i];
      const equalBefore = keys.slice(0, i).map((k, j) => (values[j] === null ? `${k.column} IS NULL` : `${k.column} = :ks${j}`));
      const after = values[i] === null
        ? key.direction === 'asc' ? 'false' : `${key.column} IS NOT NULL`
        : key.direction === 'asc' ? `(${key.column} > :${name} OR ${key.column} IS NULL)` : `${key.column} < :${name}`;
      alternatives.push([...equalBefore, after].join(' AND '));
    });
    const allEqual = keys.map((k, j) => (values[j] === null ? `${k.column} IS NULL` : `${k.column} = :ks${j}`));
    alternatives.push([...allEqual, `${idColumn} > :ksId`].join(' AND '));
    qb.andWhere(`((${alternatives.join(') OR (')}))`, params);
  }
  keys.forEach((key, i) => {
    const direction = key.direction === 'asc' ? 'ASC' : 'DESC';
    if (i === 0) qb.orderBy(key.column, direction);
    else qb.addOrderBy(key.column, direction);
  });
  if (keys.length === 0) qb.orderBy(idColumn, 'ASC');
  // The id breaks ties, unless it is already a sort key (re-adding it would overwrite that key's direction).
  else if (!keys.some((key) => key.column === idColumn)) qb.addOrderBy(idColumn, 'ASC');
  qb.limit(query.top + 1);
}

/** Cuts the extra row fetched by applyListQuery into a next cursor. */
export function toPage<T extends object>(rows: T[], query: ListQuery, idOf: (row: T) => string, sortValues: (row: T) => unknown[] = (row) => sortValuesOf(row, query)): Page<T> {
  if (rows.length <= query.top) return { items: rows };
  const items = rows.slice(0, query.top);
  const last = items[items.length - 1];
  return { items, nextCursor: encodeCursor({ values: sortValues(last), id: idOf(last), q: fingerprintOf(query) }) };
}

export function fingerprintOf(query: Pick<ListQuery, 'filter' | 'orderBy'>): string {
  return queryFingerprint([query.filter ?? null, query.orderBy]);
}

/** Reads a row's sort values by wire field name (Dates as ISO strings) for its cursor. */
export function sortValuesOf(row: object, query: Pick<ListQuery, 'orderBy'>): unknown[] {
  return query.orderBy.map((key) => {
    const value = (row as Record<string, unknown>)[key.field];
    return value instanceof Date ? value.toISOString() : value;
  });
}

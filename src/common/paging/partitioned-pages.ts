import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { compileFilter } from '../filter/filter-compiler';
import { FieldMap } from '../filter/filter-fields';
import { applyListQuery, toPage } from './keyset';
import { ListQuery, Page } from './list-query';

export interface CountedPage<T> extends Page<T> {
  totalCount: number;
}

/**
 * Keyset pages of many parents in one statement (a DataLoader batch): each
 * parent's rows are numbered in the query's order and the first top+1 kept.
 * `base` selects the main alias's entity, joined and restricted to the
 * parents; `parentSql` says which parent a row belongs to.
 */
export async function partitionedPages<T extends ObjectLiteral>(
  base: () => SelectQueryBuilder<T>,
  parentSql: string,
  query: ListQuery,
  fields: FieldMap,
  idColumn: string,
  idOf: (row: T) => string,
): Promise<Map<string, CountedPage<T>>> {
  const qb = base();
  applyListQuery(qb, query, fields, idColumn);
  const order = Object.entries(qb.expressionMap.orderBys)
    .map(([column, direction]) => `${column} ${typeof direction === 'string' ? direction : direction.order}`)
    .join(', ');
  qb.orderBy().limit(undefined)
    .addSelect(parentSql, '__parent')
    .addSelect(`row_number() OVER (PARTITION BY ${parentSql} ORDER BY ${order})`, '__rn')
    .addSelect(`count(*) OVER (PARTITION BY ${parentSql})`, '__total');
  const [sql, params] = qb.getQueryAndParameters();
  const rows = (await qb.connection.query(
    `SELECT * FROM (${sql}) page WHERE page.__rn <= ${query.top + 1} ORDER BY page.__parent, page.__rn`,
    params,
  )) as Record<string, unknown>[];
  const totals = query.cursor ? await totalsWithoutCursor(base, parentSql, query, fields) : undefined;
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const alias = qb.expressionMap.mainAlias!.name;
  const columns = metadata.columns.map((column) => [column.propertyName, `${alias}_${column.databaseName}`] as const);
  const grouped = new Map<string, { rows: T[]; total: number }>();
  for (const raw of rows) {
    const parent = String(raw.__parent);
    const entity = metadata.create() as T;
    for (const [property, key] of columns) (entity as Record<string, unknown>)[property] = raw[key];
    const group = grouped.get(parent) ?? { rows: [], total: Number(raw.__total) };
    group.rows.push(entity);
    grouped.set(parent, group);
  }
  const out = new Map<string, CountedPage<T>>();
  for (const [parent, group] of grouped) {
    out.set(parent, { ...toPage(group.rows, query, idOf), totalCount: totals?.get(parent) ?? group.total });
  }
  if (totals) for (const [parent, total] of totals) if (!out.has(parent)) out.set(parent, { items: [], totalCount: total });
  return out;
}

/** After a cursor the window counts only later rows; the total is counted apart. */
async function totalsWithoutCursor<T extends ObjectLiteral>(base: () => SelectQueryBuilder<T>, parentSql: string, query: ListQuery, fields: FieldMap): Promise<Map<string, number>> {
  const qb = base();
  if (query.filter) {
    const { sql, params } = compileFilter(query.filter, fields, 'tf');
    qb.andWhere(sql, params);
  }
  const rows = await qb.select(parentSql, 'parent').addSelect('count(*)::int', 'total').groupBy(parentSql).getRawMany<{ parent: string; total: number }>();
  return new Map(rows.map((r) => [String(r.parent), Number(r.total)]));
}

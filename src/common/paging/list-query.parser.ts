import { parseFilter } from '../filter/filter-parser';
import { compileFilter } from '../filter/filter-compiler';
import { FieldMap } from '../filter/filter-fields';
import { decodeCursor } from './cursor';
import { fingerprintOf } from './keyset';
import { DEFAULT_TOP, ListQuery, OrderKey } from './list-query';
import type { ListQueryDto } from './list-query.dto';
import { parseOrderBy, parseSelect } from './select-orderby';

/** Turns validated list parameters into a ListQuery, checking every field name against the map. */
export function toListQuery(dto: ListQueryDto, fields: FieldMap, defaultOrder: OrderKey[]): ListQuery {
  const rawFilter = dto.filter ?? dto.$filter;
  const filter = rawFilter === undefined ? undefined : parseFilter(rawFilter, 'filter');
  // Compile once now so that type errors in the filter are a 400 before any SQL runs.
  if (filter) compileFilter(filter, fields);
  const orderBy = parseOrderBy(dto.orderby ?? dto.$orderby, fields, defaultOrder);
  const query: ListQuery = {
    top: dto.top ?? dto.$top ?? DEFAULT_TOP,
    filter,
    select: parseSelect(dto.select ?? dto.$select, fields),
    orderBy,
  };
  if (dto.cursor) query.cursor = decodeCursor(dto.cursor, fingerprintOf(query));
  return query;
}

import { FilterError } from '../filter/filter-error';
import { FieldMap, lookupField } from '../filter/filter-fields';
import { OrderKey } from './list-query';

const MAX_KEYS = 8;

/** Parses `select=name,siteCode`; unknown fields are named in the 400. */
export function parseSelect(raw: string | undefined, fields: FieldMap, always: string[] = ['id']): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const chosen = new Set(always);
  for (const part of raw.split(',')) {
    const name = part.trim();
    const found = lookupField(fields, name);
    if (!found) throw new FilterError('select', `unknown field '${name}'; selectable fields are ${Object.keys(fields).join(', ')}`, undefined, 'unknownField');
    chosen.add(found[0]);
  }
  return [...chosen];
}

/** Parses `orderby=name desc,lastSeenAt`; unknown or unsortable fields are named in the 400. */
export function parseOrderBy(raw: string | undefined, fields: FieldMap, fallback: OrderKey[]): OrderKey[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  const parts = raw.split(',');
  if (parts.length > MAX_KEYS) throw new FilterError('orderby', `at most ${MAX_KEYS} sort keys`);
  return parts.map((part) => {
    const [name, direction = 'asc', ...rest] = part.trim().split(/\s+/);
    const found = lookupField(fields, name ?? '');
    if (!found || found[1].sortable === false || found[1].type === 'stringArray') {
      throw new FilterError('orderby', `unknown or unsortable field '${name}'`, undefined, 'unknownField');
    }
    const dir = direction.toLowerCase();
    if ((dir !== 'asc' && dir !== 'desc') || rest.length) {
      throw new FilterError('orderby', `expected 'asc' or 'desc' after '${name}'`);
    }
    return { field: found[0], direction: dir };
  });
}

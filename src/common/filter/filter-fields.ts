export type FieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'uuid' | 'enum' | 'stringArray';

/** How one wire field maps to SQL: a column (or expression) and its type. */
export interface FieldSpec {
  column: string;
  type: FieldType;
  /** Allowed values of an enum field. */
  values?: readonly string[];
  /** Fields that cannot be filtered (still selectable / sortable). */
  filterable?: boolean;
  sortable?: boolean;
  /**
   * The column is COLLATE "C" and holds printable ASCII only, so a
   * case-insensitive prefix is also a range of the column itself (from the
   * upper-case to the lower-case spelling): startswith() adds that range, and
   * an index on the column serves the filter in the column's order.
   */
  asciiPrefixRange?: boolean;
}

export type FieldMap = Readonly<Record<string, FieldSpec>>;

/** Finds a field by its wire name, forgiving case, or undefined. */
export function lookupField(fields: FieldMap, name: string): [string, FieldSpec] | undefined {
  if (fields[name]) return [name, fields[name]];
  const lower = name.toLowerCase();
  const key = Object.keys(fields).find((k) => k.toLowerCase() === lower);
  return key ? [key, fields[key]] : undefined;
}

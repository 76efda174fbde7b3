import { FilterNode, Literal } from './filter-ast';
import { FilterError } from './filter-error';
import { FieldMap, FieldSpec, lookupField } from './filter-fields';
import { UUID } from '../validation/uuid';

export interface CompiledFilter {
  sql: string;
  params: Record<string, unknown>;
}

const SQL_OP = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Compiles a parsed filter into a SQL condition whose every value is a named
 * parameter: no text from the filter ever reaches the SQL string except field
 * expressions taken from the trusted field map.
 */
export class FilterCompiler {
  private count = 0;
  private readonly params: Record<string, unknown> = {};

  constructor(private readonly fields: FieldMap, private readonly prefix = 'f', private readonly parameter = 'filter') {}

  compile(node: FilterNode): CompiledFilter {
    return { sql: this.node(node), params: this.params };
  }

  private node(node: FilterNode): string {
    switch (node.kind) {
      case 'and':
      case 'or':
        return `(${this.node(node.left)} ${node.kind.toUpperCase()} ${this.node(node.right)})`;
      case 'not':
        return `(NOT COALESCE(${this.node(node.operand)}, false))`;
      case 'compare':
        return this.compare(node.field, node.op, node.value, node.position);
      case 'in': {
        const parts = node.values.map((value) => this.compare(node.field, 'eq', value, node.position));
        return `(${parts.join(' OR ')})`;
      }
      case 'function':
        return this.stringFunction(node.fn, node.field, node.value, node.position);
    }
  }

  private field(name: string, position: number): FieldSpec {
    const found = lookupField(this.fields, name);
    if (!found || found[1].filterable === false) {
      throw new FilterError(this.parameter, `unknown field '${name}'; filterable fields are ${this.filterable()}`, position, 'unknownField');
    }
    return found[1];
  }

  private filterable(): string {
    return Object.entries(this.fields).filter(([, s]) => s.filterable !== false).map(([k]) => k).join(', ');
  }

  private compare(name: string, op: keyof typeof SQL_OP, value: Literal, position: number): string {
    const spec = this.field(name, position);
    if (value === null) {
      if (op !== 'eq' && op !== 'ne') throw new FilterError(this.parameter, `'${op}' cannot compare with null`, position);
      const empty = spec.type === 'stringArray' ? `(${spec.column} IS NULL OR cardinality(${spec.column}) = 0)` : `${spec.column} IS NULL`;
      return op === 'eq' ? empty : `(NOT ${empty})`;
    }
    if (spec.type === 'stringArray') {
      if (op !== 'eq' && op !== 'ne') throw new FilterError(this.parameter, `'${name}' is a list; use eq, ne, in or contains`, position);
      const has = `EXISTS (SELECT 1 FROM unnest(${spec.column}) AS item WHERE lower(item) = ${this.param(this.text(name, value, position).toLowerCase())})`;
      return op === 'eq' ? has : `(NOT ${has})`;
    }
    const { sql: left, value: right } = this.operands(spec, name, value, position, op);
    const condition = `${left} ${SQL_OP[op]} ${this.param(right)}`;
    return op === 'ne' ? `(${spec.column} IS NULL OR ${condition})` : condition;
  }

  private operands(spec: FieldSpec, name: string, value: Literal, position: number, op: string): { sql: string; value: unknown } {
    switch (spec.type) {
      case 'string':
        return { sql: `lower(${spec.column})`, value: this.text(name, value, position).toLowerCase() };
      case 'enum': {
        const text = this.text(name, value, position);
        if (!spec.values?.includes(text)) {
          throw new FilterError(this.parameter, `'${name}' must be one of ${spec.values?.join(', ')}`, position, 'invalidValue');
        }
        return { sql: spec.column, value: text };
      }
      case 'uuid': {
        const text = this.text(name, value, position);
        if (!UUID.test(text)) throw new FilterError(this.parameter, `'${name}' must be a UUID`, position, 'invalidValue');
        return { sql: spec.column, value: text.toLowerCase() };
      }
      case 'number':
        if (typeof value !== 'number') throw new FilterError(this.parameter, `'${name}' must be compared with a number`, position, 'invalidValue');
        return { sql: spec.column, value };
      case 'boolean':
        if (typeof value !== 'boolean' || (op !== 'eq' && op !== 'ne')) {
          throw new FilterError(this.parameter, `'${name}' takes eq or ne with true or false`, position, 'invalidValue');
        }
        return { sql: spec.column, value };
      case 'datetime': {
        const text = this.text(name, value, position);
        const date = new Date(text);
        if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
          throw new FilterError(this.parameter, `'${name}' must be compared with an RFC 3339 time`, position, 'invalidValue');
        }
        return { sql: spec.column, value: date };
      }
      default:
        throw new FilterError(this.parameter, `'${name}' cannot be compared`, position);
    }
  }

  private stringFunction(fn: string, name: string, value: string, position: number): string {
    const spec = this.field(name, position);
    if (spec.type !== 'string' && spec.type !== 'stringArray' && spec.type !== 'enum') {
      throw new FilterError(this.parameter, `${fn}() needs a text field; '${name}' is ${spec.type}`, position, 'invalidValue');
    }
    const escaped = escapeLike(value.toLowerCase());
    const pattern = fn === 'startswith' ? `${escaped}%` : fn === 'endswith' ? `%${escaped}` : `%${escaped}%`;
    const param = this.param(pattern);
    if (spec.type === 'stringArray') {
      return `EXISTS (SELECT 1 FROM unnest(${spec.column}) AS item WHERE lower(item) LIKE ${param})`;
    }
    const like = `lower(${spec.column}) LIKE ${param}`;
    const range = fn === 'startswith' && spec.asciiPrefixRange ? caseInsensitivePrefixRange(value) : undefined;
    // Implied by the LIKE (so also right under NOT); it is there for the planner.
    if (range) return `(${like} AND ${spec.column} >= ${this.param(range.from)} AND ${spec.column} < ${this.param(range.below)})`;
    return like;
  }

  private text(name: string, value: Literal, position: number): string {
    if (typeof value !== 'string') throw new FilterError(this.parameter, `'${name}' must be compared with a 'quoted' string`, position, 'invalidValue');
    return value;
  }

  private param(value: unknown): string {
    const key = `${this.prefix}${this.count++}`;
    this.params[key] = value;
    return `:${key}`;
  }
}

/**
 * Under bytewise (C) order, every ASCII string whose lower case starts with
 * `prefix` lies in [PREFIX, prefix with its last character incremented):
 * upper-case letters sort before lower-case ones. Undefined for an empty or
 * non-ASCII prefix.
 */
export function caseInsensitivePrefixRange(prefix: string): { from: string; below: string } | undefined {
  const lower = prefix.toLowerCase();
  if (!/^[\x20-\x7e]+$/.test(lower)) return undefined;
  return { from: lower.toUpperCase(), below: lower.slice(0, -1) + String.fromCharCode(lower.charCodeAt(lower.length - 1) + 1) };
}

export function compileFilter(node: FilterNode, fields: FieldMap, prefix = 'f', parameter = 'filter'): CompiledFilter {
  return new FilterCompiler(fields, prefix, parameter).compile(node);
}

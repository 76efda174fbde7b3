import { Type } from '@nestjs/common';
import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { FilterNode, Literal, MAX_FILTER_DEPTH } from '../filter/filter-ast';
import { FilterError } from '../filter/filter-error';

/** Operators on a text field; several in one object are and-ed. */
@InputType()
export class StringFilter {
  @Field(() => String, { nullable: true }) eq?: string | null;
  @Field(() => String, { nullable: true }) ne?: string | null;
  @Field(() => [String], { nullable: true }) in?: string[];
  @Field({ nullable: true }) startsWith?: string;
  @Field({ nullable: true }) endsWith?: string;
  @Field({ nullable: true }) contains?: string;
  @Field({ nullable: true, description: 'true: the field is null; false: it is not.' }) isNull?: boolean;
}

@InputType()
export class IdFilter {
  @Field(() => ID, { nullable: true }) eq?: string;
  @Field(() => ID, { nullable: true }) ne?: string;
  @Field(() => [ID], { nullable: true }) in?: string[];
}

@InputType()
export class BooleanFilter {
  @Field({ nullable: true }) eq?: boolean;
  @Field({ nullable: true }) ne?: boolean;
}

@InputType()
export class IntFilter {
  @Field(() => Int, { nullable: true }) eq?: number;
  @Field(() => Int, { nullable: true }) ne?: number;
  @Field(() => Int, { nullable: true }) gt?: number;
  @Field(() => Int, { nullable: true }) ge?: number;
  @Field(() => Int, { nullable: true }) lt?: number;
  @Field(() => Int, { nullable: true }) le?: number;
}

@InputType()
export class DateTimeFilter {
  @Field(() => GraphQLISODateTime, { nullable: true }) eq?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) ne?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) gt?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) ge?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) lt?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) le?: Date;
  @Field({ nullable: true }) isNull?: boolean;
}

/** Operators on a list of text values. */
@InputType()
export class StringListFilter {
  @Field({ nullable: true, description: 'Some item equals this (case-insensitive).' }) has?: string;
  @Field({ nullable: true, description: 'No item equals this.' }) notHas?: string;
  @Field({ nullable: true, description: 'Some item contains this text.' }) contains?: string;
  @Field({ nullable: true, description: 'Some item starts with this text.' }) startsWith?: string;
  @Field({ nullable: true, description: 'true: the list is empty.' }) isEmpty?: boolean;
}

/** `{eq, ne, in}` over a registered GraphQL enum. */
export function EnumFilter(enumRef: object, name: string): Type<{ eq?: string; ne?: string; in?: string[] }> {
  @InputType(`${name}Filter`)
  class EnumFilterInput {
    @Field(() => enumRef, { nullable: true }) eq?: string;
    @Field(() => enumRef, { nullable: true }) ne?: string;
    @Field(() => [enumRef], { nullable: true }) in?: string[];
  }
  return EnumFilterInput;
}

/** A filter object as GraphQL hands it over: field operators plus and/or/not. */
export type GraphFilter = { and?: GraphFilter[]; or?: GraphFilter[]; not?: GraphFilter } & Record<string, unknown>;

const MAX_COMPARISONS = 256;

/**
 * Translates operator objects into the FilterNode AST the REST `filter`
 * parser produces, so both surfaces compile through the same field map.
 */
export function toFilterNode(filter: GraphFilter | null | undefined, parameter = 'filter'): FilterNode | undefined {
  let comparisons = 0;
  const count = () => {
    if (++comparisons > MAX_COMPARISONS) throw new FilterError(parameter, `more than ${MAX_COMPARISONS} comparisons`, undefined, 'filterTooLong');
  };
  const visit = (node: GraphFilter, depth: number): FilterNode | undefined => {
    if (depth > MAX_FILTER_DEPTH) throw new FilterError(parameter, `nested deeper than ${MAX_FILTER_DEPTH} levels`, undefined, 'filterTooDeep');
    const parts: FilterNode[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (value === undefined || value === null) continue;
      if (key === 'and' || key === 'or') {
        const children = (value as GraphFilter[]).map((child) => visit(child, depth + 1)).filter((n): n is FilterNode => !!n);
        const joined = combine(children, key);
        if (joined) parts.push(joined);
      } else if (key === 'not') {
        const inner = visit(value as GraphFilter, depth + 1);
        if (inner) parts.push({ kind: 'not', operand: inner });
      } else {
        parts.push(...operators(key, value as Record<string, unknown>, count));
      }
    }
    return combine(parts, 'and');
  };
  return filter ? visit(filter, 1) : undefined;
}

function combine(nodes: FilterNode[], kind: 'and' | 'or'): FilterNode | undefined {
  if (nodes.length === 0) return undefined;
  return nodes.reduce((left, right) => ({ kind, left, right }));
}

function literal(value: unknown): Literal {
  return value instanceof Date ? value.toISOString() : (value as Literal);
}

function operators(field: string, ops: Record<string, unknown>, count: () => void): FilterNode[] {
  const out: FilterNode[] = [];
  const position = 0;
  for (const [op, raw] of Object.entries(ops)) {
    if (raw === undefined || (raw === null && op !== 'eq' && op !== 'ne')) continue;
    count();
    switch (op) {
      case 'eq': case 'ne': case 'gt': case 'ge': case 'lt': case 'le':
        out.push({ kind: 'compare', field, op, value: literal(raw), position });
        break;
      case 'in':
        // An empty list matches nothing: ids are never null.
        out.push((raw as unknown[]).length ? { kind: 'in', field, values: (raw as unknown[]).map(literal), position } : { kind: 'compare', field: 'id', op: 'eq', value: null, position });
        break;
      case 'startsWith': case 'endsWith': case 'contains':
        out.push({ kind: 'function', fn: op.toLowerCase() as 'startswith' | 'endswith' | 'contains', field, value: String(raw), position });
        break;
      case 'has': case 'notHas':
        out.push({ kind: 'compare', field, op: op === 'has' ? 'eq' : 'ne', value: String(raw), position });
        break;
      case 'isNull': case 'isEmpty':
        out.push({ kind: 'compare', field, op: raw ? 'eq' : 'ne', value: null, position });
        break;
    }
  }
  return out;
}

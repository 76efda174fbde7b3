export type Literal = string | number | boolean | null;
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'startswith' | 'endswith' | 'contains';

export type FilterNode =
  | { kind: 'compare'; field: string; op: ComparisonOperator; value: Literal; position: number }
  | { kind: 'in'; field: string; values: Literal[]; position: number }
  | { kind: 'function'; fn: StringFunction; field: string; value: string; position: number }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode };

export const MAX_FILTER_LENGTH = 4096;
export const MAX_FILTER_DEPTH = 32;

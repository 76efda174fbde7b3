import { ComparisonOperator, FilterNode, Literal, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, StringFunction } from './filter-ast';
import { FilterError } from './filter-error';
import { Token, tokenize } from './filter-tokenizer';

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'contains']);

/** Recursive-descent parser for the Graph/AdminService filter subset. */
class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[], private readonly parameter: string) {}

  parse(): FilterNode {
    const node = this.or();
    const next = this.peek();
    if (next.type !== 'end') this.fail(`expected 'and', 'or' or the end, found ${describe(next)}`, next);
    return node;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.isWord('or')) {
      this.index++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.isWord('and')) {
      this.index++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    this.enter();
    try {
      if (this.isWord('not')) {
        this.index++;
        return { kind: 'not', operand: this.unary() };
      }
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  private primary(): FilterNode {
    const token = this.next();
    if (token.type === 'punct' && token.text === '(') {
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    if (token.type !== 'word') return this.fail(`expected a field name, 'not' or '(', found ${describe(token)}`, token);
    const lower = token.text.toLowerCase();
    if (FUNCTIONS.has(lower) && this.peekPunct('(')) return this.stringFunction(lower as StringFunction, token);
    const op = this.next();
    if (op.type === 'word' && COMPARISONS.has(op.text.toLowerCase())) {
      return { kind: 'compare', field: token.text, op: op.text.toLowerCase() as ComparisonOperator, value: this.literal(), position: token.position };
    }
    if (op.type === 'word' && op.text.toLowerCase() === 'in') {
      this.expectPunct('(');
      const values = [this.literal()];
      while (this.peekPunct(',')) {
        this.index++;
        values.push(this.literal());
      }
      this.expectPunct(')');
      return { kind: 'in', field: token.text, values, position: token.position };
    }
    return this.fail(`expected an operator (eq, ne, gt, ge, lt, le, in), found ${describe(op)}`, op);
  }

  private stringFunction(fn: StringFunction, token: Token & { type: 'word' }): FilterNode {
    this.expectPunct('(');
    const field = this.next();
    if (field.type !== 'word') return this.fail(`expected a field name, found ${describe(field)}`, field);
    this.expectPunct(',');
    const value = this.next();
    if (value.type !== 'string') return this.fail(`expected a string literal, found ${describe(value)}`, value);
    this.expectPunct(')');
    return { kind: 'function', fn, field: field.text, value: value.value, position: token.position };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.type === 'string' || token.type === 'number') return token.value;
    if (token.type === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
    }
    return this.fail(`expected a value ('text', a number, true, false or null), found ${describe(token)}`, token);
  }

  private enter(): void {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw new FilterError(this.parameter, `nested deeper than ${MAX_FILTER_DEPTH} levels`, this.peek().position, 'filterTooDeep');
    }
  }

  private expectPunct(text: '(' | ')' | ','): void {
    const token = this.next();
    if (token.type !== 'punct' || token.text !== text) this.fail(`expected '${text}', found ${describe(token)}`, token);
  }

  private isWord(text: string): boolean {
    const token = this.peek();
    return token.type === 'word' && token.text.toLowerCase() === text;
  }

  private peekPunct(text: string): boolean {
    const token = this.peek();
    return token.type === 'punct' && token.text === text;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'end') this.index++;
    return token;
  }

  private fail(message: string, token: Token): never {
    throw new FilterError(this.parameter, message, token.position);
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the filter';
    case 'string':
      return `'${token.value}'`;
    case 'number':
      return String(token.value);
    case 'punct':
      return `'${token.text}'`;
    default:
      return `'${token.text}'`;
  }
}

export function parseFilter(input: string, parameter = 'filter'): FilterNode {
  if (input.length > MAX_FILTER_LENGTH) {
    throw new FilterError(parameter, `longer than ${MAX_FILTER_LENGTH} characters`, undefined, 'filterTooLong');
  }
  if (input.trim() === '') throw new FilterError(parameter, 'the filter is empty', 0);
  return new Parser(tokenize(input, parameter), parameter).parse();
}

import { FilterError } from './filter-error';

export type Token =
  | { type: 'word'; text: string; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'number'; value: number; position: number }
  | { type: 'punct'; text: '(' | ')' | ','; position: number }
  | { type: 'end'; position: number };

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /-?\d+(\.\d+)?(?![A-Za-z_\d:-])/y;
const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})/y;

/** Splits an OData-style filter into tokens; string literals use single quotes ('' escapes one). */
export function tokenize(input: string, parameter = 'filter'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: 'punct', text: ch, position: i });
      i++;
    } else if (ch === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterError(parameter, 'unterminated string literal', start);
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += input[i++];
      }
      tokens.push({ type: 'string', value, position: start });
    } else {
      DATETIME.lastIndex = i;
      const date = DATETIME.exec(input);
      if (date) {
        tokens.push({ type: 'string', value: date[0], position: i });
        i += date[0].length;
        continue;
      }
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(input);
      if (number) {
        tokens.push({ type: 'number', value: Number(number[0]), position: i });
        i += number[0].length;
        continue;
      }
      WORD.lastIndex = i;
      const word = WORD.exec(input);
      if (!word) throw new FilterError(parameter, `unexpected character '${ch}'`, i);
      tokens.push({ type: 'word', text: word[0], position: i });
      i += word[0].length;
    }
  }
  tokens.push({ type: 'end', position: input.length });
  return tokens;
}

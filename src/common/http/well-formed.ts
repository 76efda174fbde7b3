const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** PostgreSQL cannot store unpaired UTF-16 surrogates; JSON.parse lets them through, so refuse them as malformed. */
export function wellFormedReviver(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    throw new SyntaxError('unpaired UTF-16 surrogate in a string');
  }
  return value;
}

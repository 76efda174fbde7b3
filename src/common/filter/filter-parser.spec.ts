import fc from 'fast-check';
import { FilterNode, Literal, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from './filter-ast';
import { caseInsensitivePrefixRange, compileFilter } from './filter-compiler';
import { FilterError } from './filter-error';
import { FieldMap } from './filter-fields';
import { parseFilter } from './filter-parser';

const FIELDS: FieldMap = {
  id: { column: 't.id', type: 'uuid' },
  name: { column: 't.name', type: 'string' },
  role: { column: 't.role', type: 'enum', values: ['admin', 'viewer'] },
  count: { column: 't.count', type: 'number' },
  enabled: { column: 't.enabled', type: 'boolean' },
  seenAt: { column: 't.seen', type: 'datetime' },
  tags: { column: 't.tags', type: 'stringArray' },
  secret: { column: 't.secret', type: 'string', filterable: false },
};

/** A compact rendering of a tree, to read precedence at a glance. */
function show(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${show(node.left)} ${node.kind} ${show(node.right)})`;
    case 'not':
      return `not ${show(node.operand)}`;
    case 'compare':
      return `${node.field} ${node.op} ${JSON.stringify(node.value)}`;
    case 'in':
      return `${node.field} in ${JSON.stringify(node.values)}`;
    case 'function':
      return `${node.fn}(${node.field}, ${JSON.stringify(node.value)})`;
  }
}

/** Runs `fn`, expecting a FilterError; returns it for inspection. */
function filterError(fn: () => unknown): FilterError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FilterError);
    return error as FilterError;
  }
  throw new Error('expected a FilterError, but nothing was thrown');
}

const compile = (filter: string) => compileFilter(parseFilter(filter), FIELDS);

describe('filter parser', () => {
  describe('precedence', () => {
    it.each([
      ["a eq 1 or b eq 2 and c eq 3", '(a eq 1 or (b eq 2 and c eq 3))'],
      ["a eq 1 and b eq 2 or c eq 3", '((a eq 1 and b eq 2) or c eq 3)'],
      ["a eq 1 and b eq 2 and c eq 3", '((a eq 1 and b eq 2) and c eq 3)'],
      ["a eq 1 or b eq 2 or c eq 3", '((a eq 1 or b eq 2) or c eq 3)'],
      ["not a eq 1 and b eq 2", '(not a eq 1 and b eq 2)'],
      ["not a eq 1 or b eq 2", '(not a eq 1 or b eq 2)'],
      ["not (a eq 1 or b eq 2)", 'not (a eq 1 or b eq 2)'],
      ["not not a eq 1", 'not not a eq 1'],
      ["(a eq 1 or b eq 2) and c eq 3", '((a eq 1 or b eq 2) and c eq 3)'],
      ["a eq 1 and (b eq 2 or c eq 3)", '(a eq 1 and (b eq 2 or c eq 3))'],
      ["((a eq 1))", 'a eq 1'],
      ["a EQ 1 AND NOT b Ne 2 OR c gt 3", '((a eq 1 and not b ne 2) or c gt 3)'],
    ])('parses %s as %s', (input, expected) => {
      expect(show(parseFilter(input))).toBe(expected);
    });
  });

  describe('operators and literals', () => {
    it.each(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])('parses the comparison %s', (op) => {
      expect(parseFilter(`count ${op} 5`)).toEqual({ kind: 'compare', field: 'count', op, value: 5, position: 0 });
    });

    it('parses in with one or several values', () => {
      expect(parseFilter("role in ('admin', 'viewer')")).toEqual({ kind: 'in', field: 'role', values: ['admin', 'viewer'], position: 0 });
      expect(parseFilter("role in ('admin')")).toEqual({ kind: 'in', field: 'role', values: ['admin'], position: 0 });
      expect(show(parseFilter("count in (1, -2, 3.5, null)"))).toBe('count in [1,-2,3.5,null]');
    });

    it('refuses in without values or with a dangling comma', () => {
      expect(filterError(() => parseFilter('role in ()')).extra.position).toBe(10);
      expect(filterError(() => parseFilter("role in ('a',)")).extra.position).toBe(14);
    });

    it.each([
      ["startswith(name, 'PC-')", 'startswith', 'PC-'],
      ["contains(name,'lab')", 'contains', 'lab'],
      ["endswith(name, '.contoso.com')", 'endswith', '.contoso.com'],
      ["StartsWith(name, 'x')", 'startswith', 'x'],
    ])('parses the function %s', (input, fn, value) => {
      expect(parseFilter(input)).toEqual({ kind: 'function', fn, field: 'name', value, position: 0 });
    });

    it('treats a function name without parentheses as a field', () => {
      expect(parseFilter("contains eq 'x'")).toEqual({ kind: 'compare', field: 'contains', op: 'eq', value: 'x', position: 0 });
    });

    it.each<[string, Literal]>([
      ['name eq null', null],
      ['name eq NULL', null],
      ['enabled eq true', true],
      ['enabled eq False', false],
      ['count eq -12', -12],
      ['count eq 2.5', 2.5],
      ["name eq ''", ''],
      ["name eq 'O''Brien'", "O'Brien"],
      ["name eq ''''", "'"],
      ["name eq 'a''''b'", "a''b"],
      ["name eq 'and or not ( ) ,'", 'and or not ( ) ,'],
      ['seenAt gt 2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z'],
      ['seenAt gt 2026-11-24T10:00:00+01:00', '2026-11-24T10:00:00+01:00'],
    ])('reads %s as the value %p', (input, value) => {
      const node = parseFilter(input);
      expect(node).toEqual(expect.objectContaining({ kind: 'compare', value }));
    });

    it('records the position of each comparison', () => {
      const node = parseFilter("name eq 'a' and   role eq 'admin'");
      expect(node).toEqual({
        kind: 'and',
        left: expect.objectContaining({ field: 'name', position: 0 }),
        right: expect.objectContaining({ field: 'role', position: 18 }),
      });
    });
  });

  describe('errors say where (1-based)', () => {
    it.each([
      ['name eq', 8, /expected a value.*end of the filter/],
      ["name xx 'a'", 6, /expected an operator.*'xx'/],
      ["name eq 'a' and", 16, /expected a field name.*end of the filter/],
      ["name eq 'a')", 12, /expected 'and', 'or' or the end.*'\)'/],
      ["(name eq 'a'", 13, /expected '\)'/],
      ["name eq 'unterminated", 9, /unterminated string literal/],
      ["name eq 'a' $ role eq 'b'", 13, /unexpected character '\$'/],
      ["name eq 'a' name eq 'b'", 13, /expected 'and', 'or' or the end.*'name'/],
      ['eq eq eq', 7, /expected a value/],
      ["startswith(name 'a')", 17, /expected ','/],
      ['startswith(name, 5)', 18, /expected a string literal/],
      ["name eq 'a' and or", 19, /expected an operator.*end of the filter/],
    ])('%s fails at position %i', (input, position, message) => {
      const error = filterError(() => parseFilter(input));
      expect(error.extra.position).toBe(position);
      expect(error.message).toContain(`at position ${position}`);
      expect(error.message).toMatch(message);
      expect(error.code).toBe('invalidFilter');
      expect(error.errors).toEqual([expect.objectContaining({ field: 'filter', code: 'invalidFilter' })]);
    });

    it('names the query parameter it was given', () => {
      const error = filterError(() => parseFilter('name eq', '$filter'));
      expect(error.message).toMatch(/^Invalid \$filter at position 8/);
      expect(error.errors[0].field).toBe('$filter');
    });

    it('refuses an empty or blank filter', () => {
      expect(filterError(() => parseFilter('')).extra.position).toBe(1);
      expect(filterError(() => parseFilter('   ')).message).toMatch(/empty/);
    });
  });

  describe('limits', () => {
    const nots = (n: number) => `${'not '.repeat(n)}name eq 'a'`;
    const parens = (n: number) => `${'('.repeat(n)}name eq 'a'${')'.repeat(n)}`;

    it(`accepts nesting up to ${MAX_FILTER_DEPTH} levels and refuses one more`, () => {
      expect(show(parseFilter(nots(MAX_FILTER_DEPTH - 1)))).toMatch(/^(not ){31}name eq "a"$/);
      expect(filterError(() => parseFilter(nots(MAX_FILTER_DEPTH))).code).toBe('filterTooDeep');
      expect(show(parseFilter(parens(MAX_FILTER_DEPTH - 1)))).toBe('name eq "a"');
      const deep = filterError(() => parseFilter(parens(MAX_FILTER_DEPTH)));
      expect(deep.code).toBe('filterTooDeep');
      expect(deep.message).toMatch(/deeper than 32/);
    });

    it('refuses pathological nesting without overflowing the stack', () => {
      expect(filterError(() => parseFilter(parens(2000))).code).toBe('filterTooDeep');
      expect(filterError(() => parseFilter('not '.repeat(1000) + "name eq 'a'")).code).toBe('filterTooDeep');
    });

    it('does not count a long flat chain of and as depth', () => {
      const flat = Array.from({ length: 200 }, (_, i) => `count ne ${i}`).join(' and ');
      expect(flat.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
      expect(() => compileFilter(parseFilter(flat), FIELDS)).not.toThrow();
    });

    it(`accepts ${MAX_FILTER_LENGTH} characters and refuses one more`, () => {
      const filterOf = (length: number) => `name eq '${'a'.repeat(length - 10)}'`;
      expect(filterOf(MAX_FILTER_LENGTH)).toHaveLength(MAX_FILTER_LENGTH);
      expect(() => parseFilter(filterOf(MAX_FILTER_LENGTH))).not.toThrow();
      const error = filterError(() => parseFilter(filterOf(MAX_FILTER_LENGTH + 1)));
      expect(error.code).toBe('filterTooLong');
      expect(error.message).toMatch(/longer than 4096/);
    });
  });
});

describe('filter compiler', () => {
  it('compares text case-insensitively through a parameter', () => {
    expect(compile("name eq 'Alice'")).toEqual({ sql: 'lower(t.name) = :f0', params: { f0: 'alice' } });
  });

  it('lets ne match rows where the field is null', () => {
    expect(compile("name ne 'x'")).toEqual({ sql: '(t.name IS NULL OR lower(t.name) <> :f0)', params: { f0: 'x' } });
  });

  it('turns null comparisons into IS NULL, and refuses ordering against null', () => {
    expect(compile('name eq null')).toEqual({ sql: 't.name IS NULL', params: {} });
    expect(compile('name ne null')).toEqual({ sql: '(NOT t.name IS NULL)', params: {} });
    expect(compile('tags eq null').sql).toBe('(t.tags IS NULL OR cardinality(t.tags) = 0)');
    expect(filterError(() => compile('count gt null')).message).toMatch(/'gt' cannot compare with null/);
  });

  it('compiles and, or, not and in with parentheses that keep their meaning', () => {
    const { sql, params } = compile("not (role in ('admin', 'viewer') or count ge 3) and enabled eq true");
    expect(sql).toBe('((NOT COALESCE(((t.role = :f0 OR t.role = :f1) OR t.count >= :f2), false)) AND t.enabled = :f3)');
    expect(params).toEqual({ f0: 'admin', f1: 'viewer', f2: 3, f3: true });
  });

  it('uses the parameter prefix it is given', () => {
    expect(compileFilter(parseFilter("name eq 'a' or name eq 'b'"), FIELDS, 'lf')).toEqual({
      sql: '(lower(t.name) = :lf0 OR lower(t.name) = :lf1)',
      params: { lf0: 'a', lf1: 'b' },
    });
  });

  it('matches a list field by any element', () => {
    expect(compile("tags eq 'Lab'")).toEqual({ sql: 'EXISTS (SELECT 1 FROM unnest(t.tags) AS item WHERE lower(item) = :f0)', params: { f0: 'lab' } });
    expect(filterError(() => compile("tags gt 'a'")).message).toMatch(/is a list/);
  });

  it('converts times and checks uuids and enum values', () => {
    const { params } = compile("seenAt ge '2026-11-24T10:00:00.000Z'");
    expect(params.f0).toEqual(new Date('2026-11-24T10:00:00.000Z'));
    expect(compile("id eq 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'").params.f0).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    for (const bad of ["seenAt gt 'yesterday'", "id eq 'not-a-uuid'", "role eq 'emperor'", "count eq '3'", 'enabled gt true', 'name eq 3', "startswith(count, '1')"]) {
      expect(filterError(() => compile(bad)).code).toBe('invalidValue');
    }
  });

  it('names an unknown or unfilterable field, with its position', () => {
    const error = filterError(() => compile("name eq 'a' and bogus eq 1"));
    expect(error.code).toBe('unknownField');
    expect(error.message).toContain("unknown field 'bogus'");
    expect(error.extra.position).toBe(17);
    expect(error.message).toContain('filterable fields are id, name, role, count, enabled, seenAt, tags');
    expect(filterError(() => compile("secret eq 'x'")).code).toBe('unknownField');
    expect(filterError(() => compile("contains(bogus, 'x')")).message).toContain("'bogus'");
  });

  it('finds fields regardless of case', () => {
    expect(compile("NAME eq 'x'").sql).toBe('lower(t.name) = :f0');
  });

  it('keeps an injection payload out of the SQL, in a parameter only', () => {
    const { sql, params } = compile("name eq 'x'' OR 1=1 --'");
    expect(sql).toBe('lower(t.name) = :f0');
    expect(params).toEqual({ f0: "x' or 1=1 --" });
    const many = compile("name eq ''';DROP TABLE principals;--' or contains(name, '\\'' UNION SELECT')");
    expect(many.sql).toBe('(lower(t.name) = :f0 OR lower(t.name) LIKE :f1)');
    expect(many.sql).not.toMatch(/DROP|UNION|;|--|'/i);
    expect(Object.values(many.params)).toEqual(["';drop table principals;--", "%\\\\' union select%"]);
  });

  it('escapes LIKE wildcards and backslashes in function arguments', () => {
    expect(compile("startswith(name, '50%_off')")).toEqual({ sql: 'lower(t.name) LIKE :f0', params: { f0: '50\\%\\_off%' } });
    expect(compile("endswith(name, 'a\\b')").params.f0).toBe('%a\\\\b');
    expect(compile("contains(name, '_')").params.f0).toBe('%\\_%');
    expect(compile("contains(tags, 'X%')")).toEqual({ sql: 'EXISTS (SELECT 1 FROM unnest(t.tags) AS item WHERE lower(item) LIKE :f0)', params: { f0: '%x\\%%' } });
  });
});

describe('filter properties', () => {
  /** Characters that mean something to SQL, none of which the compiler itself ever writes. */
  const HOSTILE = ["'", '"', ';', '-', '/', '*', '\\', '%', '_', '$', '#', '[', ']', '\n', '\u0000', 'é', '😀', '`', '|', '&'];
  const WORDS = ['name', 'tags', 'count', 'eq', 'ne', 'gt', 'in', 'and', 'or', 'not', 'null', 'true', 'startswith', 'contains', '(', ')', ',', "'", "''", "'x'", ' ', '  ', '1', '-2', '3.5', '2026-01-01T00:00:00Z', '$', '\t'];

  it('either parses a string into a tree or throws a FilterError, never anything else', () => {
    const input = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((parts) => parts.join(' ')), fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(input, (text) => {
        let tree: FilterNode;
        try {
          tree = parseFilter(text);
        } catch (error) {
          return error instanceof FilterError && typeof error.message === 'string';
        }
        try {
          compileFilter(tree, FIELDS);
        } catch (error) {
          return error instanceof FilterError;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  type Leaf =
    | { kind: 'compare'; field: 'name' | 'tags'; op: 'eq' | 'ne'; value: string }
    | { kind: 'in'; field: 'name'; values: string[] }
    | { kind: 'function'; fn: 'startswith' | 'endswith' | 'contains'; field: 'name' | 'tags'; value: string };
  type Tree = Leaf | { kind: 'and' | 'or'; left: Tree; right: Tree } | { kind: 'not'; operand: Tree };

  const treeOf = (text: fc.Arbitrary<string>) => {
    const leaf: fc.Arbitrary<Tree> = fc.oneof(
      fc.record({ kind: fc.constant('compare' as const), field: fc.constantFrom('name' as const, 'tags' as const), op: fc.constantFrom('eq' as const, 'ne' as const), value: text }),
      fc.record({ kind: fc.constant('in' as const), field: fc.constant('name' as const), values: fc.array(text, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('function' as const), fn: fc.constantFrom('startswith' as const, 'endswith' as const, 'contains' as const), field: fc.constantFrom('name' as const, 'tags' as const), value: text }),
    );
    return fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { maxDepth: 5 },
        leaf,
        fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('tree'), right: tie('tree') }),
        fc.record({ kind: fc.constant('not' as const), operand: tie('tree') }),
      ),
    })).tree;
  };

  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const print = (tree: Tree): string => {
    switch (tree.kind) {
      case 'and':
      case 'or':
        return `(${print(tree.left)}) ${tree.kind} (${print(tree.right)})`;
      case 'not':
        return `not (${print(tree.operand)})`;
      case 'compare':
        return `${tree.field} ${tree.op} ${quote(tree.value)}`;
      case 'in':
        return `${tree.field} in (${tree.values.map(quote).join(', ')})`;
      case 'function':
        return `${tree.fn}(${tree.field}, ${quote(tree.value)})`;
    }
  };
  const withoutPositions = (node: FilterNode): unknown => JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'position' ? undefined : value)));
  const likeEscaped = (value: string) => value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const expectedParams = (tree: Tree): string[] => {
    switch (tree.kind) {
      case 'and':
      case 'or':
        return [...expectedParams(tree.left), ...expectedParams(tree.right)];
      case 'not':
        return expectedParams(tree.operand);
      case 'in':
        return tree.values.map((v) => v.toLowerCase());
      case 'compare':
        return [tree.value.toLowerCase()];
      case 'function':
        return [tree.fn === 'startswith' ? `${likeEscaped(tree.value)}%` : tree.fn === 'endswith' ? `%${likeEscaped(tree.value)}` : `%${likeEscaped(tree.value)}%`];
    }
  };
  const neutral = (tree: Tree): Tree => {
    switch (tree.kind) {
      case 'and':
      case 'or':
        return { ...tree, left: neutral(tree.left), right: neutral(tree.right) };
      case 'not':
        return { ...tree, operand: neutral(tree.operand) };
      case 'in':
        return { ...tree, values: tree.values.map(() => 'v') };
      default:
        return { ...tree, value: 'v' };
    }
  };

  it('reads back any printed tree, whatever its string literals hold', () => {
    fc.assert(
      fc.property(treeOf(fc.string({ unit: 'binary', maxLength: 12 })), (tree) => {
        const text = print(tree);
        fc.pre(text.length <= MAX_FILTER_LENGTH);
        expect(withoutPositions(parseFilter(text))).toEqual(tree);
      }),
      { numRuns: 300 },
    );
  });

  it('compiles to SQL that depends only on the structure: literal values live in parameters alone', () => {
    const literal = fc.oneof(fc.string({ unit: fc.constantFrom(...HOSTILE), minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));
    fc.assert(
      fc.property(treeOf(literal), (tree) => {
        const text = print(tree);
        fc.pre(text.length <= MAX_FILTER_LENGTH);
        const { sql, params } = compileFilter(parseFilter(text), FIELDS);
        // The same structure with every literal replaced compiles to the very same SQL text.
        expect(sql).toBe(compileFilter(parseFilter(print(neutral(tree))), FIELDS).sql);
        // No character the compiler does not write itself (quotes, comments, wildcards, ...) gets in.
        for (const ch of HOSTILE) expect(sql.includes(ch)).toBe(false);
        expect(sql.replace(/:f\d+/g, '')).toMatch(/^[A-Za-z0-9.()=<> ,]*$/);
        // One parameter per literal, in order, holding it lower-cased (LIKE-escaped for functions).
        expect(Object.values(params)).toEqual(expectedParams(tree));
      }),
      { numRuns: 300 },
    );
  });
});

describe('startswith on a bytewise-ordered ASCII column', () => {
  const NAMES: FieldMap = { name: { column: 'd.name', type: 'string', asciiPrefixRange: true }, note: { column: 'd.note', type: 'string' } };
  /** Bytewise, as COLLATE "C" compares. */
  const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

  it('adds the range of the column that the case-insensitive prefix implies, in parameters', () => {
    expect(compileFilter(parseFilter("startswith(name, 'Srv-')"), NAMES)).toEqual({
      sql: '(lower(d.name) LIKE :f0 AND d.name >= :f1 AND d.name < :f2)',
      params: { f0: 'srv-%', f1: 'SRV-', f2: 'srv.' },
    });
    // Not for other functions, other columns, or a prefix the range cannot bound.
    expect(compileFilter(parseFilter("contains(name, 'srv')"), NAMES).sql).toBe('lower(d.name) LIKE :f0');
    expect(compileFilter(parseFilter("startswith(note, 'srv')"), NAMES).sql).toBe('lower(d.note) LIKE :f0');
    expect(compileFilter(parseFilter("startswith(name, '')"), NAMES).sql).toBe('lower(d.name) LIKE :f0');
    expect(compileFilter(parseFilter("startswith(name, 'é')"), NAMES).sql).toBe('lower(d.name) LIKE :f0');
  });

  it('never leaves out a name the prefix matches (any ASCII name, any prefix)', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 8 });
    fc.assert(
      fc.property(ascii, ascii, fc.nat(8), (name, tail, cut) => {
        // Half of the runs take the prefix from the name itself, case flipped, so matches are common.
        const prefix = cut % 2 ? [...name.slice(0, cut)].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('') : tail;
        const range = caseInsensitivePrefixRange(prefix);
        if (!range) return;
        if (name.toLowerCase().startsWith(prefix.toLowerCase())) {
          expect(bytewise(name, range.from)).toBeGreaterThanOrEqual(0);
          expect(bytewise(name, range.below)).toBeLessThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

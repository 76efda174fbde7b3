import { MAX_IMPORT_DEVICES, parseImportBody } from './device-import.parser';

describe('parseImportBody', () => {
  it('numbers NDJSON lines as written, skipping blank ones, and flags bad JSON by line', () => {
    const { lines, errors } = parseImportBody('{"name":"A"}\r\n\n{oops\n{"name":"B"}\n');
    expect(lines).toEqual([{ line: 1, value: { name: 'A' } }, { line: 4, value: { name: 'B' } }]);
    expect(errors).toEqual([{ line: 3, field: '', code: 'malformedJson', message: expect.any(String) }]);
  });

  it('takes a JSON array or {value: [...]}, numbering from 1', () => {
    expect(parseImportBody([{ a: 1 }, { a: 2 }]).lines.map((l) => l.line)).toEqual([1, 2]);
    expect(parseImportBody({ value: [{ a: 1 }] }).lines).toEqual([{ line: 1, value: { a: 1 } }]);
  });

  it('refuses empty imports, other bodies, and more than the maximum', () => {
    expect(() => parseImportBody([])).toThrow(/no devices/);
    expect(() => parseImportBody('\n\n')).toThrow(/no devices/);
    expect(() => parseImportBody({ name: 'x' })).toThrow(/JSON array/);
    expect(() => parseImportBody(Array.from({ length: MAX_IMPORT_DEVICES + 1 }, () => ({})))).toThrow(/at most 10000/);
  });
});

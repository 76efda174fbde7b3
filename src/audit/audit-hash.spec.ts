import { canonicalJson, canonicalJsonAroundSeq, chainHash } from './audit-hash';

describe('audit hashing', () => {
  it('writes keys in sorted order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('changes the hash when any field or the previous hash changes', () => {
    const fields = { seq: '1', occurredAt: '2026-01-01T00:00:00.000Z', type: 'tokenCreated', actor: 'admin', sessionId: null, deviceId: null, details: { a: 1 } };
    const base = chainHash('0'.repeat(64), fields);
    expect(chainHash('1'.repeat(64), fields)).not.toBe(base);
    expect(chainHash('0'.repeat(64), { ...fields, details: { a: 2 } })).not.toBe(base);
    expect(chainHash('0'.repeat(64), { ...fields, actor: 'mallory' })).not.toBe(base);
    expect(chainHash('0'.repeat(64), { ...fields })).toBe(base);
  });

  it('splits the canonical JSON around seq so that seq can be filled in later', () => {
    const fields = { occurredAt: '2026-01-01T00:00:00.000Z', type: 'sessionRequested', actor: 'CONTOSO\\ann "x"', sessionId: null, deviceId: 'd', details: { seq: '"seq":', z: ['é', '\u2028'], a: null } };
    const { prefix, suffix } = canonicalJsonAroundSeq(fields);
    for (const seq of ['1', '42', '9007199254740993']) expect(prefix + JSON.stringify(seq) + suffix).toBe(canonicalJson({ ...fields, seq }));
  });
});

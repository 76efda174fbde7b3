import { hashJti } from './jti-hash';

describe('hashJti', () => {
  it('is the hex SHA-256 of the jti', () => {
    expect(hashJti('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('does not contain the jti', () => {
    const jti = 'q9J1yXbq0m2v8m6fQm2Y5Q1mJd9k3G2h7n4c8w1z0aE';
    expect(hashJti(jti)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashJti(jti)).not.toContain(jti);
  });
});

import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
  let now: number;
  const limiter = (limit = 3, maxKeys?: number) => new AttemptLimiter({ limit, windowSeconds: 60, now: () => now, maxKeys });

  beforeEach(() => (now = Date.UTC(2026, 0, 1)));

  it('lets an address fail `limit` times, then refuses it until the oldest failure is a minute old', () => {
    const failures = limiter(3);
    expect(failures.retryAfter('10.0.0.1')).toBe(0);
    expect(failures.record('10.0.0.1')).toBe(0);
    now += 10_000;
    expect(failures.record('10.0.0.1')).toBe(0);
    now += 10_000;
    expect(failures.record('10.0.0.1')).toBe(40);
    expect(failures.retryAfter('10.0.0.1')).toBe(40);
    now += 39_000;
    expect(failures.retryAfter('10.0.0.1')).toBe(1);
    now += 1_000;
    expect(failures.retryAfter('10.0.0.1')).toBe(0);
  });

  it('counts each key on its own', () => {
    const failures = limiter(1);
    failures.record('10.0.0.1');
    expect(failures.retryAfter('10.0.0.1')).toBeGreaterThan(0);
    expect(failures.retryAfter('10.0.0.2')).toBe(0);
  });

  it('never answers less than one second while refusing', () => {
    const failures = limiter(1);
    failures.record('k');
    now += 59_999;
    expect(failures.retryAfter('k')).toBe(1);
  });

  it('forgets a key on reset and once its attempts have aged out', () => {
    const failures = limiter(1);
    failures.record('a');
    failures.reset('a');
    expect(failures.retryAfter('a')).toBe(0);
    failures.record('b');
    now += 61_000;
    expect(failures.retryAfter('b')).toBe(0);
    expect(failures.size).toBe(0);
  });

  it('keeps memory bounded under a flood of distinct keys, dropping the oldest', () => {
    const failures = limiter(1, 100);
    for (let i = 0; i < 1000; i++) failures.record(`198.51.100.${i}`);
    expect(failures.size).toBe(100);
    expect(failures.retryAfter('198.51.100.999')).toBeGreaterThan(0);
    expect(failures.retryAfter('198.51.100.0')).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new AttemptLimiter({ limit: 0, windowSeconds: 60 })).toThrow(RangeError);
  });
});

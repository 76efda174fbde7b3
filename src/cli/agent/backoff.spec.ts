import fc from 'fast-check';
import { Backoff, sleep } from './backoff';

describe('agent reconnect backoff', () => {
  it('doubles from the initial delay up to the cap, never below the jittered floor', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 1, maxLength: 40 }), (draws) => {
        let i = 0;
        const backoff = new Backoff({ initialMs: 1000, maxMs: 60_000, jitter: 0.5, random: () => draws[i++ % draws.length] });
        for (let attempt = 0; attempt < draws.length; attempt++) {
          const ceiling = Math.min(60_000, 1000 * 2 ** attempt);
          const delay = backoff.next();
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.5));
        }
      }),
    );
  });

  it('without randomness the delays are 1, 2, 4 … 60 s', () => {
    const backoff = new Backoff({ random: () => 0 });
    expect(Array.from({ length: 8 }, () => backoff.next())).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('spreads a fleet: two agents rarely pick the same delay', () => {
    const delays = new Set(Array.from({ length: 50 }, () => new Backoff().next()));
    expect(delays.size).toBeGreaterThan(25);
  });

  it('starts over after a success', () => {
    const backoff = new Backoff({ random: () => 0 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });

  it('sleep ends early when the agent is told to stop', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await sleep(10_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

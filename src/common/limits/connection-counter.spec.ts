import { ConnectionCounter } from './connection-counter';

describe('ConnectionCounter', () => {
  it('lets a key hold `limit` connections, refuses the next, and admits again after a release', () => {
    const counter = new ConnectionCounter(2);
    expect(counter.tryAcquire('10.0.0.1')).toBe(true);
    expect(counter.tryAcquire('10.0.0.1')).toBe(true);
    expect(counter.tryAcquire('10.0.0.1')).toBe(false);
    expect(counter.refused).toBe(1);
    counter.release('10.0.0.1');
    expect(counter.heldBy('10.0.0.1')).toBe(1);
    expect(counter.tryAcquire('10.0.0.1')).toBe(true);
  });

  it('counts each key on its own and forgets keys that hold nothing', () => {
    const counter = new ConnectionCounter(1);
    expect(counter.tryAcquire('a')).toBe(true);
    expect(counter.tryAcquire('b')).toBe(true);
    expect(counter.total).toBe(2);
    counter.release('a');
    counter.release('b');
    expect(counter.keys).toBe(0);
    expect(counter.total).toBe(0);
  });

  it('never goes below zero on a stray release', () => {
    const counter = new ConnectionCounter(1);
    counter.release('a');
    expect(counter.heldBy('a')).toBe(0);
    expect(counter.tryAcquire('a')).toBe(true);
    expect(counter.tryAcquire('a')).toBe(false);
  });

  it('refuses a limit below one', () => {
    expect(() => new ConnectionCounter(0)).toThrow(RangeError);
  });
});

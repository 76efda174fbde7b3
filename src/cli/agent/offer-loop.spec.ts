import { SeenOffers } from './offer-loop';

describe('offers repeated while they await consent', () => {
  it('are handed over once per session', () => {
    const seen = new SeenOffers();
    expect(seen.firstTime('a')).toBe(true);
    expect(seen.firstTime('a')).toBe(false);
    expect(seen.firstTime('b')).toBe(true);
  });

  it('are forgotten after an hour, so the set does not grow without bound', () => {
    let now = 0;
    const seen = new SeenOffers(() => now);
    seen.firstTime('a');
    now = 61 * 60 * 1000;
    expect(seen.firstTime('a')).toBe(true);
  });
});

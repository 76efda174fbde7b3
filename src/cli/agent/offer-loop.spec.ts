import { SeenOffers } from './offer-loop';

describe('offers repeated while they await consent', () => {
  it('are handed over once per session', () => {
    const seen = new SeenOffers();
    expect(seen.firstTime({ sessionId: 'a' })).toBe(true);
    expect(seen.firstTime({ sessionId: 'a' })).toBe(false);
    expect(seen.firstTime({ sessionId: 'b' })).toBe(true);
  });

  it('hands over a session offered again with a new ticket (the last one went unused), once per ticket', () => {
    const seen = new SeenOffers();
    expect(seen.firstTime({ sessionId: 'a' })).toBe(true); // awaiting consent
    expect(seen.firstTime({ sessionId: 'a', agentTicket: 't1' })).toBe(true); // the consent reply was lost: offered again, ready
    expect(seen.firstTime({ sessionId: 'a', agentTicket: 't1' })).toBe(false);
    expect(seen.firstTime({ sessionId: 'a', agentTicket: 't2' })).toBe(true);
  });

  it('are forgotten after an hour, so the set does not grow without bound', () => {
    let now = 0;
    const seen = new SeenOffers(() => now);
    seen.firstTime({ sessionId: 'a' });
    now = 61 * 60 * 1000;
    expect(seen.firstTime({ sessionId: 'a' })).toBe(true);
  });
});

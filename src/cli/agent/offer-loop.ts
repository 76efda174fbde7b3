import { isAuthenticationError } from '../client/api-error';
import { Offer } from '../client/api.types';
import { AgentLog } from './agent-log';
import { Backoff, sleep } from './backoff';
import { DeviceConnection } from './device-connection';

export const OFFER_WAIT_SECONDS = 25;
/** How long a session id stays remembered; offers are never repeated after their session ended. */
const REMEMBER_MS = 60 * 60 * 1000;

/**
 * Remembers which offers were handed over. An offer awaiting consent comes
 * again on every poll and is handled once; an offer carrying an agent ticket
 * not seen before is new work: the server offers a session again, with a
 * fresh ticket, when the last one went unused (its reply was lost, or the
 * consent answer came back as a replay without the ticket).
 */
export class SeenOffers {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a session is offered, and the first time it is offered with a given ticket. */
  firstTime(offer: Pick<Offer, 'sessionId' | 'agentTicket'>): boolean {
    const now = this.now();
    for (const [key, at] of this.seen) if (now - at > REMEMBER_MS) this.seen.delete(key);
    const key = `${offer.sessionId} ${offer.agentTicket ?? ''}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}

/** Long-polls for offers and hands each new one to `onOffer` without waiting for it (sessions run side by side). */
export async function runOfferLoop(connection: DeviceConnection, onOffer: (offer: Offer) => void, log: AgentLog, signal: AbortSignal): Promise<void> {
  const seen = new SeenOffers();
  const backoff = new Backoff();
  let failing = false;
  while (!signal.aborted) {
    try {
      const offers = await connection.api.offers(OFFER_WAIT_SECONDS, signal);
      if (failing) log('offer polling resumed');
      failing = false;
      backoff.reset();
      for (const offer of offers) if (seen.firstTime(offer)) onOffer(offer);
    } catch (error) {
      if (signal.aborted) return;
      if (isAuthenticationError(error)) await connection.tokenRejected(signal).catch((reason: Error) => log(`re-enrolment failed: ${reason.message}`));
      const delay = backoff.next();
      if (!failing) log(`offer polling failed (${(error as Error).message}); retrying with backoff`);
      failing = true;
      await sleep(delay, signal);
    }
  }
}

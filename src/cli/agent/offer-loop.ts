import { isAuthenticationError } from '../client/api-error';
import { Offer } from '../client/api.types';
import { AgentLog } from './agent-log';
import { Backoff, sleep } from './backoff';
import { DeviceConnection } from './device-connection';

export const OFFER_WAIT_SECONDS = 25;
/** How long a session id stays remembered; offers are never repeated after their session ended. */
const REMEMBER_MS = 60 * 60 * 1000;

/** Remembers which offers were handed over, so a repeated offer (awaiting consent) is handled once. */
export class SeenOffers {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a session id is offered. */
  firstTime(sessionId: string): boolean {
    const now = this.now();
    for (const [id, at] of this.seen) if (now - at > REMEMBER_MS) this.seen.delete(id);
    if (this.seen.has(sessionId)) return false;
    this.seen.set(sessionId, now);
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
      for (const offer of offers) if (seen.firstTime(offer.sessionId)) onOffer(offer);
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

import { randomUUID } from 'node:crypto';
import { ApiError, ServerUnreachableError } from '../client/api-error';
import { ConsentResult } from '../client/api.types';
import { Backoff, sleep as pause } from './backoff';

/** Statuses that mean "not now", not "no": a proxy without a node, a node without its database. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export interface ConsentDeliveryOptions {
  /** Sends the answer; every attempt carries the same idempotency key. */
  send: (idempotencyKey: string) => Promise<ConsentResult>;
  /** Past this the server has ended the session (consentTimeout): no point retrying. */
  deadline: Date;
  /** Told of each failed attempt that will be retried. */
  onRetry?: (error: Error, delayMs: number) => void;
  backoff?: Backoff;
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Delivers the logged-on user's answer. A click must not be lost to a network
 * blip or a restarting node, so an attempt that could not reach the server,
 * or got 502/503/504, is retried until the consent deadline. All attempts
 * share one Idempotency-Key: if an earlier attempt was recorded but its answer
 * lost, the retry gets that answer replayed (without the agent ticket, which
 * is never stored; the session is then offered again with a fresh one)
 * rather than a 409.
 */
export async function deliverConsent(options: ConsentDeliveryOptions): Promise<ConsentResult> {
  const { send, deadline, onRetry, backoff = new Backoff({ initialMs: 500, maxMs: 5_000 }), now = Date.now, sleep = pause } = options;
  const key = randomUUID();
  for (;;) {
    try {
      return await send(key);
    } catch (error) {
      const retryable = error instanceof ServerUnreachableError || (error instanceof ApiError && RETRYABLE_STATUSES.has(error.status));
      const delayMs = backoff.next();
      if (!retryable || now() + delayMs >= deadline.getTime()) throw error;
      onRetry?.(error as Error, delayMs);
      await sleep(delayMs);
    }
  }
}

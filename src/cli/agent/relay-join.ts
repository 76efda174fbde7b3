import { openRelaySocket, RelayConnection, RelayRefusedError } from '../client/relay-socket';
import { AgentLog } from './agent-log';
import { Backoff, sleep } from './backoff';

export interface Joinable {
  ticket: string;
  relayUrl: string;
  /** After this the ticket is useless; default a minute from now. */
  expiresAt?: string;
}

/**
 * Opens the relay with the agent ticket, retrying with backoff while the
 * relay is unreachable (a refused ticket is final) until the ticket expires.
 */
export async function joinRelay(joinable: Joinable, log: AgentLog, stopping: () => boolean, backoff = new Backoff({ initialMs: 500, maxMs: 5000 })): Promise<RelayConnection> {
  const expiresAt = joinable.expiresAt ? Date.parse(joinable.expiresAt) : Date.now() + 60_000;
  for (;;) {
    try {
      return await openRelaySocket(joinable.relayUrl, joinable.ticket);
    } catch (error) {
      const refused = error instanceof RelayRefusedError && error.status !== undefined && error.status < 500;
      const delay = backoff.next();
      if (refused || stopping() || Date.now() + delay >= expiresAt) throw error;
      log(`${(error as Error).message}; retrying in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay);
    }
  }
}

import { Socket } from 'node:net';
import { ApiError } from '../client/api-error';
import { Offer } from '../client/api.types';
import { formatHostPort, HostPort } from '../client/host-port';
import { Bridge, bridgeStreams } from '../client/stream-bridge';
import { AgentLog } from './agent-log';
import { describeType } from '../client/session-labels';
import { ConsentStrategy } from './consent';
import { deliverConsent } from './consent-delivery';
import { DeviceConnection } from './device-connection';
import { dialTarget } from './dial-target';
import { Joinable, joinRelay } from './relay-join';

export interface SessionRunnerDeps {
  connection: DeviceConnection;
  consent: ConsentStrategy;
  vncTarget: HostPort;
  rdpTarget: HostPort;
  log: AgentLog;
}

/** Runs each offered session: consent when asked, then relay ⇄ local target. Tracks live bridges for shutdown. */
export class SessionRunner {
  private readonly live = new Set<Bridge>();
  private stopping = false;

  constructor(private readonly deps: SessionRunnerDeps) {}

  get activeSessions(): number {
    return this.live.size;
  }

  /** Never rejects: a failed session is logged, the agent carries on. */
  async run(offer: Offer): Promise<void> {
    const { log } = this.deps;
    const label = `session ${offer.sessionId} (${describeType(offer.type)}, ${offer.accessLevel}, by ${offer.viewer})`;
    try {
      const joinable = offer.agentTicket ? { ticket: offer.agentTicket, relayUrl: offer.relayUrl, expiresAt: offer.agentTicketExpiresAt } : await this.askConsent(offer, label);
      if (!joinable || this.stopping) return;
      await this.join(offer, joinable, label);
    } catch (error) {
      log(`${label}: ${(error as Error).message}`);
    }
  }

  /** Closes every relay socket; the relay ends those sessions as agentClosed. */
  async closeAll(): Promise<void> {
    this.stopping = true;
    const ends = [...this.live].map((bridge) => {
      bridge.close(1000, 'agentShutdown');
      return bridge.ended;
    });
    await Promise.all(ends);
  }

  private async askConsent(offer: Offer, label: string): Promise<Joinable | undefined> {
    const { connection, consent, log } = this.deps;
    const deadline = offer.consentDeadline ? new Date(offer.consentDeadline) : new Date(Date.now() + 60_000);
    log(`${label}: asking the user for consent (until ${deadline.toISOString()})`);
    const answered = await consent({ sessionId: offer.sessionId, viewer: offer.viewer, type: offer.type, accessLevel: offer.accessLevel, reason: offer.reason, deadline });
    if (answered === 'unanswered') {
      log(`${label}: no answer before the deadline; the server will end it (consentTimeout)`);
      return undefined;
    }
    const granted = answered === 'granted';
    let answer;
    try {
      answer = await deliverConsent({
        send: (key) => connection.api.consent(offer.sessionId, granted, key),
        deadline,
        onRetry: (error, delayMs) => log(`${label}: could not deliver the user's answer (${error.message}); retrying in ${Math.round(delayMs / 100) / 10} s`),
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        log(`${label}: consent ${granted ? 'granted' : 'denied'} too late (${error.code ?? 'conflict'})`);
        return undefined;
      }
      throw error;
    }
    log(`${label}: consent ${granted ? 'granted' : 'denied'}`);
    // No ticket on a granted answer: a replay of an attempt whose answer was lost; the session is offered again with one.
    if (!granted || !answer.agentTicket) return undefined;
    return { ticket: answer.agentTicket, relayUrl: answer.relayUrl ?? offer.relayUrl, expiresAt: answer.agentTicketExpiresAt };
  }

  private async join(offer: Offer, joinable: Joinable, label: string): Promise<void> {
    const { log } = this.deps;
    const target = offer.type === 'remoteDesktop' ? this.deps.rdpTarget : this.deps.vncTarget;
    let socket: Socket | undefined;
    let targetError: Error | undefined;
    try {
      socket = await dialTarget(target);
    } catch (error) {
      targetError = error as Error;
    }
    const relay = await joinRelay(joinable, (message) => log(`${label}: ${message}`), () => this.stopping).catch((error: Error) => {
      socket?.destroy();
      throw error;
    });
    if (!socket) {
      // Joining and leaving at once tells the viewer now, rather than when the ticket expires.
      relay.ws.close(1000, 'targetUnreachable');
      throw new Error(`cannot reach the local target ${formatHostPort(target)}: ${targetError?.message}`);
    }
    const bridge = bridgeStreams(relay.ws, socket, { early: relay.takeEarly() });
    this.live.add(bridge);
    log(`${label}: connected ${formatHostPort(target)} to the relay`);
    const end = await bridge.ended;
    this.live.delete(bridge);
    const by = end.endedBy === 'relay' ? `relay closed ${end.code} ${end.reason}` : end.endedBy === 'local' ? 'the local target closed' : 'agent shutdown';
    log(`${label}: ended (${by}; ${end.bytesToRelay} bytes sent, ${end.bytesFromRelay} received)`);
  }
}

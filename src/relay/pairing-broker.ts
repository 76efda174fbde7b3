import WebSocket from 'ws';
import { DEFAULT_MAX_EARLY_BYTES, EarlyMessages } from './early-messages';
import { RelayCloseCode, RelayCloseReason } from './relay-close-codes';
import { RelaySide } from './relay.types';

export type JoinResult = 'waiting' | 'paired' | 'rejected';

/** What each side sent before both were present, oldest first; forward it before anything else. */
export interface EarlyBytes {
  fromViewer: Buffer[];
  fromAgent: Buffer[];
}

/** A running session, as far as the broker needs to end it. StreamPump satisfies it. */
export interface SessionLink {
  close(code: number, reason: string): void;
}

export type OnPaired = (sessionId: string, viewer: WebSocket, agent: WebSocket, early: EarlyBytes) => SessionLink | void;

export interface PairingBrokerOptions {
  onPaired: OnPaired;
  maxEarlyBytes?: number;
}

interface WaitingSide {
  ws: WebSocket;
  early: EarlyMessages;
  stopWatchingClose: () => void;
}

interface SessionEntry {
  viewer?: WaitingSide;
  agent?: WaitingSide;
  paired?: { viewer: WebSocket; agent: WebSocket; link: SessionLink | undefined };
}

/**
 * Puts the viewer and the agent of a session together on this relay node.
 * At most one of each per session: a second connection for a role, or any
 * connection to a paired session, is closed with 4409.
 */
export class PairingBroker {
  private readonly sessions = new Map<string, SessionEntry>();

  constructor(private readonly options: PairingBrokerOptions) {}

  /**
   * Call once the ticket is verified and consumed. Until then the gateway
   * should keep `ws` paused, so bytes sent meanwhile wait in the socket.
   */
  join(sessionId: string, role: RelaySide, ws: WebSocket): JoinResult {
    // A socket that closed while its ticket was checked has nobody to pair.
    if (ws.readyState !== WebSocket.OPEN) return 'rejected';
    const entry = this.sessions.get(sessionId) ?? {};
    if (entry.paired || entry[role]) {
      ws.close(RelayCloseCode.AlreadyJoined, RelayCloseReason.alreadyJoined);
      return 'rejected';
    }
    entry[role] = this.wait(sessionId, role, ws);
    this.sessions.set(sessionId, entry);
    if (!entry.viewer || !entry.agent) return 'waiting';
    this.pair(sessionId, entry, entry.viewer, entry.agent);
    return 'paired';
  }

  /** Closes both sides of a waiting or running session. Returns false if there is no such session here. */
  end(sessionId: string, code: number, reason: string): boolean {
    const entry = this.sessions.get(sessionId);
    if (!entry) return false;
    this.sessions.delete(sessionId);
    if (entry.paired?.link) {
      entry.paired.link.close(code, reason);
      return true;
    }
    const sockets = entry.paired ? [entry.paired.viewer, entry.paired.agent] : [entry.viewer?.ws, entry.agent?.ws];
    for (const ws of sockets) {
      if (ws && ws.readyState !== WebSocket.CLOSED) ws.close(code, reason);
    }
    return true;
  }

  /** Sessions on this node, waiting or running. */
  size(): number {
    return this.sessions.size;
  }

  private wait(sessionId: string, role: RelaySide, ws: WebSocket): WaitingSide {
    const early = new EarlyMessages(ws, this.options.maxEarlyBytes ?? DEFAULT_MAX_EARLY_BYTES);
    const onClose = (): void => {
      const entry = this.sessions.get(sessionId);
      if (entry?.[role]?.ws !== ws) return;
      delete entry[role];
      if (!entry.viewer && !entry.agent) this.sessions.delete(sessionId);
    };
    ws.on('close', onClose);
    // An 'error' event without a listener would crash the process; ws emits 'close' right after it.
    ws.on('error', ignoreSocketError);
    ws.resume();
    return { ws, early, stopWatchingClose: () => ws.off('close', onClose) };
  }

  private pair(sessionId: string, entry: SessionEntry, viewer: WaitingSide, agent: WaitingSide): void {
    viewer.stopWatchingClose();
    agent.stopWatchingClose();
    const early: EarlyBytes = { fromViewer: viewer.early.release(), fromAgent: agent.early.release() };
    delete entry.viewer;
    delete entry.agent;
    entry.paired = { viewer: viewer.ws, agent: agent.ws, link: undefined };
    // The session is over when either side closes; the pump closes the other.
    const forget = (): void => {
      if (this.sessions.get(sessionId) === entry) this.sessions.delete(sessionId);
    };
    viewer.ws.once('close', forget);
    agent.ws.once('close', forget);
    try {
      entry.paired.link = this.options.onPaired(sessionId, viewer.ws, agent.ws, early) ?? undefined;
    } catch (error) {
      this.end(sessionId, RelayCloseCode.InternalError, RelayCloseReason.internalError);
      throw error;
    }
  }
}

function ignoreSocketError(): void {}

import { Inject, Injectable, Logger } from '@nestjs/common';
import WebSocket from 'ws';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { EndReason } from '../sessions/session-states';
import { SessionEntity } from '../sessions/session.entity';
import { SessionLifecycleService } from '../sessions/session-lifecycle.service';
import { KeepAlive } from './keep-alive';
import { EarlyBytes, JoinResult, PairingBroker } from './pairing-broker';
import { RelayAuditor } from './relay-auditor';
import { RelayCloseCode } from './relay-close-codes';
import { ChunkTransform, RelaySide } from './relay.types';
import { viewOnlyTransforms } from './rfb/view-only-transforms';
import { endingOf, SYSTEM_ACTOR } from './session-ending';
import { pipeSockets, PumpOptions, StreamPump } from './stream-pump';

const KEEP_ALIVE_MS = 15_000;

interface HeldSession {
  session: SessionEntity;
  /** Sockets admitted for it and not yet closed. */
  sockets: Set<WebSocket>;
  pump?: StreamPump;
  ruleBrokenBy?: RelaySide;
}

/**
 * The sessions this node holds: pairs the two sides, pipes them (view-only
 * when the session says so), enforces the maximum duration, and ends the
 * session with the reason that caused it. Audit writes never cut a stream.
 */
@Injectable()
export class RelaySessions {
  private readonly logger = new Logger('RelaySessions');
  private readonly broker = new PairingBroker({ onPaired: (id, viewer, agent, early) => this.pipe(id, viewer, agent, early) });
  private readonly held = new Map<string, HeldSession>();
  private readonly keepAlive = new KeepAlive(KEEP_ALIVE_MS);

  constructor(
    private readonly lifecycle: SessionLifecycleService,
    private readonly auditor: RelayAuditor,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Takes an admitted socket; 'rejected' (closed with 4409) when its side of the session is taken. */
  join(session: SessionEntity, role: RelaySide, ws: WebSocket): JoinResult {
    const held = this.held.get(session.id) ?? { session, sockets: new Set<WebSocket>() };
    this.held.set(session.id, held);
    held.sockets.add(ws);
    this.releaseOnClose(session.id, ws);
    const result = this.broker.join(session.id, role, ws);
    if (result === 'rejected') this.release(session.id, ws);
    return result;
  }

  /** Closes both sides with 4000 and `reason`; false when this node does not hold the session. */
  end(sessionId: string, reason: string): boolean {
    return this.broker.end(sessionId, RelayCloseCode.SessionEnded, reason);
  }

  /** Shutdown: ends every held session with `reason`, recording the ends of those still waiting. */
  endAll(reason: EndReason): void {
    for (const [sessionId, held] of [...this.held]) {
      this.end(sessionId, reason);
      if (!held.pump) void this.auditor.persist('sessionEnded', () => this.lifecycle.end(sessionId, reason, SYSTEM_ACTOR));
    }
  }

  heldIds(): string[] {
    return [...this.held.keys()];
  }

  counts(): { waiting: number; paired: number } {
    const paired = [...this.held.values()].filter((held) => held.pump).length;
    return { waiting: this.held.size - paired, paired };
  }

  /** In its own scope, so the listener holds the id and the socket, not the session entity. */
  private releaseOnClose(sessionId: string, ws: WebSocket): void {
    ws.once('close', () => this.release(sessionId, ws));
  }

  private release(sessionId: string, ws: WebSocket): void {
    const held = this.held.get(sessionId);
    if (!held?.sockets.delete(ws)) return;
    if (held.sockets.size === 0 && !held.pump) this.held.delete(sessionId);
  }

  private pipe(sessionId: string, viewer: WebSocket, agent: WebSocket, early: EarlyBytes): StreamPump {
    const held = this.held.get(sessionId);
    if (!held) throw new Error(`paired session ${sessionId} is not held`);
    const { session } = held;
    const pump = pipeSockets(viewer, agent, { earlyFromViewer: early.fromViewer, earlyFromAgent: early.fromAgent, ...this.transformsFor(held) });
    held.pump = pump;
    this.keepAlive.watch(viewer);
    this.keepAlive.watch(agent);
    const started = this.auditor.persist('sessionStarted', () => this.lifecycle.markActive(sessionId));
    const deadline = setTimeout(() => pump.close(RelayCloseCode.SessionEnded, 'maxDurationReached'), this.msLeft(session));
    deadline.unref();
    pump.onClose((end) => {
      clearTimeout(deadline);
      if (this.held.get(sessionId) === held) this.held.delete(sessionId);
      const ending = endingOf(end, session, held.ruleBrokenBy);
      if (end.error) this.logger.warn({ sessionId, code: end.code, reason: end.reason, err: end.error }, 'session stream ended with an error');
      const bytes = { fromViewer: pump.bytes.fromViewer, fromAgent: pump.bytes.fromAgent };
      // After sessionStarted, so the audit trail reads in order.
      void this.auditor.persist('sessionEnded', async () => {
        await started;
        return this.lifecycle.end(sessionId, ending.reason, ending.actor, bytes);
      });
    });
    return pump;
  }

  private msLeft(session: SessionEntity): number {
    const untilMaxEnd = new Date(session.maxEndAt).getTime() - this.clock.now().getTime();
    return Math.max(0, Math.min(untilMaxEnd, this.config.sessionMaxSeconds * 1000));
  }

  private transformsFor(held: HeldSession): PumpOptions {
    const { type, accessLevel } = held.session;
    if (type !== 'remoteControl' || accessLevel !== 'viewOnly') return {};
    const { transformFromViewer, transformFromAgent } = viewOnlyTransforms();
    return { transformFromViewer: blaming(held, 'viewer', transformFromViewer), transformFromAgent: blaming(held, 'agent', transformFromAgent) };
  }
}

/** Remembers whose stream broke a rule, so the end is put down to that side. */
function blaming(held: HeldSession, side: RelaySide, transform: ChunkTransform): ChunkTransform {
  return (chunk) => {
    try {
      return transform(chunk);
    } catch (error) {
      held.ruleBrokenBy ??= side;
      throw error;
    }
  };
}

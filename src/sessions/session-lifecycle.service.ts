import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SESSION_CHANNEL, EndReason } from './session-states';
import { SessionEntity } from './session.entity';

export interface ByteCounts {
  fromViewer: number;
  fromAgent: number;
}

export type TicketConsumption =
  | { ok: true; session: SessionEntity }
  | { ok: false; reason: 'replayed' | 'expired' | 'unknown' | 'sessionEnded' | 'wrongRole' | 'notReady' };

/**
 * State changes of a session after creation, each with its audit record in
 * the same transaction and a NOTIFY so every node (relay, API, subscribers)
 * learns of it.
 */
@Injectable()
export class SessionLifecycleService {
  private readonly logger = new Logger('SessionLifecycle');
  private columns?: string;

  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  /**
   * Consumes a ticket atomically, in one statement: a second use, an expired
   * ticket or an ended session is refused. The session row is read FOR SHARE:
   * a concurrent state change (end, which locks it FOR UPDATE) waits or is
   * waited for, while the viewer's and the agent's tickets for the same
   * session are consumed side by side.
   */
  async consumeTicket(jtiHash: string, sessionId: string, role: string): Promise<TicketConsumption> {
    const [row] = (await this.dataSource.query(
      `WITH s AS (SELECT ${this.sessionColumns()} FROM sessions s WHERE s.id = $2 FOR SHARE),
            consumed AS (
              UPDATE session_tickets SET consumed_at = now()
              WHERE jti_hash = $1 AND session_id = $2 AND role = $3 AND consumed_at IS NULL AND expires_at > now()
                AND EXISTS (SELECT 1 FROM s WHERE s.state NOT IN ('ended', 'awaitingConsent'))
              RETURNING jti_hash)
       SELECT s.*, EXISTS (SELECT 1 FROM consumed) AS "ticketConsumed" FROM s`,
      [jtiHash, sessionId, role],
    )) as (Record<string, unknown> & { ticketConsumed: boolean })[];
    if (!row) return { ok: false, reason: 'unknown' };
    const { ticketConsumed, ...columns } = row;
    const session = this.dataSource.getRepository(SessionEntity).create(columns as Partial<SessionEntity>);
    if (session.state === 'ended') return { ok: false, reason: 'sessionEnded' };
    if (session.state === 'awaitingConsent') return { ok: false, reason: 'notReady' };
    if (ticketConsumed) return { ok: true, session };
    const [ticket] = (await this.dataSource.query('SELECT role, consumed_at, expires_at FROM session_tickets WHERE jti_hash = $1', [jtiHash])) as { role: string; consumed_at: Date | null; expires_at: Date }[];
    if (!ticket) return { ok: false, reason: 'unknown' };
    if (ticket.role !== role) return { ok: false, reason: 'wrongRole' };
    if (ticket.consumed_at) return { ok: false, reason: 'replayed' };
    return { ok: false, reason: 'expired' };
  }

  /** Both sides are in: `active`, audit `sessionStarted`. The UPDATE locks and re-checks the row, and NOTIFYs only if it moved. */
  async markActive(sessionId: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const [session] = (await tx.query(
        `WITH started AS (
           UPDATE sessions SET state = 'active', started_at = now(), version = version + 1 WHERE id = $1 AND state = 'ready'
           RETURNING viewer, device_id, type, access_level, relay_node_id)
         SELECT started.*, pg_notify($2, $3) FROM started`,
        [sessionId, ...this.signal(sessionId, 'active')],
      )) as { viewer: string; device_id: string; type: string; access_level: string; relay_node_id: string | null }[];
      if (!session) return false;
      await this.audit.record(tx, { type: 'sessionStarted', actor: session.viewer, sessionId, deviceId: session.device_id, details: { type: session.type, accessLevel: session.access_level, relayNodeId: session.relay_node_id } });
      return true;
    });
  }

  /** Ends a session once (later calls are no-ops) with bytes and duration in the audit record. */
  async end(sessionId: string, reason: EndReason, actor: string, bytes?: ByteCounts, manager?: EntityManager): Promise<boolean> {
    const work = async (tx: EntityManager) => {
      const session = await this.lockOpen(tx, sessionId);
      if (!session) {
        // Ended elsewhere (administrator, reaper) while the relay still streamed: keep its byte counts.
        if (bytes) await tx.query(`UPDATE sessions SET bytes_from_viewer = GREATEST(bytes_from_viewer, $2), bytes_from_agent = GREATEST(bytes_from_agent, $3) WHERE id = $1 AND state = 'ended'`, [sessionId, bytes.fromViewer, bytes.fromAgent]);
        return false;
      }
      const fromViewer = bytes?.fromViewer ?? Number(session.bytesFromViewer);
      const fromAgent = bytes?.fromAgent ?? Number(session.bytesFromAgent);
      const [{ now }] = (await tx.query(
        `UPDATE sessions SET state = 'ended', end_reason = $2, ended_at = now(), bytes_from_viewer = $3, bytes_from_agent = $4, version = version + 1
         WHERE id = $1 RETURNING ended_at AS now`,
        [sessionId, reason, fromViewer, fromAgent],
      ))[0] as { now: Date }[];
      const durationSeconds = session.startedAt ? Math.round((now.getTime() - session.startedAt.getTime()) / 1000) : 0;
      await this.audit.record(tx, {
        type: 'sessionEnded',
        actor,
        sessionId,
        deviceId: session.deviceId,
        details: { endReason: reason, bytesFromViewer: fromViewer, bytesFromAgent: fromAgent, durationSeconds, previousState: session.state },
      });
      await this.notify(tx, sessionId, 'ended', reason);
      return true;
    };
    return manager ? work(manager) : this.retrying(() => this.dataSource.transaction(work));
  }

  /** NOTIFYs the session change (delivered on commit), with `also` (another channel and payload) in the same round trip. */
  async notify(manager: EntityManager, sessionId: string, state: string, endReason?: string, also?: [channel: string, payload: string]): Promise<void> {
    const signal = this.signal(sessionId, state, endReason);
    if (also) await manager.query('SELECT pg_notify($1, $2), pg_notify($3, $4)', [...signal, ...also]);
    else await manager.query('SELECT pg_notify($1, $2)', signal);
  }

  private signal(sessionId: string, state: string, endReason?: string): [channel: string, payload: string] {
    return [SESSION_CHANNEL, JSON.stringify({ id: sessionId, state, endReason: endReason ?? null })];
  }

  /** Every session column, aliased to its property name, so a raw row becomes a SessionEntity. */
  private sessionColumns(): string {
    this.columns ??= this.dataSource
      .getMetadata(SessionEntity)
      .columns.map((c) => `s.${c.databaseName} AS "${c.propertyName}"`)
      .join(', ');
    return this.columns;
  }

  private async lockOpen(tx: EntityManager, sessionId: string): Promise<SessionEntity | null> {
    const session = await tx.getRepository(SessionEntity).findOne({ where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
    return session && session.state !== 'ended' ? session : null;
  }

  /** Ending after the stream is gone must not be lost to a brief database outage. */
  private async retrying<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await work();
      } catch (error) {
        if (i >= attempts) throw error;
        this.logger.warn({ err: error, attempt: i }, 'session end failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** i));
      }
    }
  }
}

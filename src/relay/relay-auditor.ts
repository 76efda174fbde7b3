import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditEventType } from '../audit/audit-event-types';
import { AuditService } from '../audit/audit.service';
import { Metrics } from '../ops/metrics';
import { RelaySessionsRepository } from './relay-sessions.repository';
import { Rejection } from './ticket-admission';

/** Backoff between attempts; about half a minute in all, then the record is given up (and logged). */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 16000];
/** A refused socket is closed once its record is written, or after this long, whichever is first. */
const REJECTION_WAIT_MS = 1000;

/**
 * The relay's audit writer. A write that fails is retried in the background
 * and counted in rcgate_audit_write_failures_total; it never ends a stream.
 * (Floods of bad tickets are held off per address by TicketFailureLimiter
 * in the gateway, as failed logins are in the API.)
 */
@Injectable()
export class RelayAuditor {
  private readonly logger = new Logger('RelayAudit');
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly audit: AuditService, private readonly metrics: Metrics, private readonly sessions: RelaySessionsRepository) {}

  /** Records `ticketRejected`; never the ticket itself. */
  async rejected(rejection: Rejection, sourceAddress: string | undefined): Promise<void> {
    this.metrics.relayTicketRejections.inc({ reason: rejection.reason });
    const write = this.persist('ticketRejected', async () =>
      this.audit.recordAlone({
        type: 'ticketRejected',
        actor: await this.actorFor(rejection),
        sessionId: rejection.sessionId ?? null,
        deviceId: rejection.deviceId ?? null,
        details: { reason: rejection.reason, role: rejection.role ?? null, sourceAddress: sourceAddress ?? null },
      }),
    );
    await Promise.race([write, sleep(REJECTION_WAIT_MS, undefined, { ref: false })]);
  }

  /** Counts an upgrade turned away because its address presented too many bad tickets (not audited: no ticket was read). */
  throttled(): void {
    this.metrics.relayTicketRejections.inc({ reason: 'rateLimited' });
  }

  /** Runs `write` until it succeeds or the retries run out. Never rejects. */
  persist(event: AuditEventType, write: () => Promise<unknown>): Promise<void> {
    const attempt = this.attempt(event, write);
    this.pending.add(attempt);
    void attempt.finally(() => this.pending.delete(attempt));
    return attempt;
  }

  /** Writes not yet done (still retrying), for shutdown and diagnostics. */
  get pendingWrites(): number {
    return this.pending.size;
  }

  /** Waits up to `ms` for writes still retrying, then stops retrying (shutdown). */
  async drain(ms: number): Promise<void> {
    await Promise.race([Promise.allSettled([...this.pending]), sleep(ms, undefined, { ref: false })]);
    this.closed = true;
  }

  private async attempt(event: AuditEventType, write: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        this.metrics.auditWriteFailures.inc({ event });
        if (this.closed || attempt >= RETRY_DELAYS_MS.length) {
          this.logger.error({ err: error, event }, 'audit write abandoned after retries');
          return;
        }
        this.logger.warn({ err: error, event, attempt: attempt + 1 }, 'audit write failed; retrying in the background');
        await sleep(RETRY_DELAYS_MS[attempt], undefined, { ref: false });
      }
    }
  }

  private async actorFor(rejection: Rejection): Promise<string> {
    if (rejection.role === 'agent' && rejection.deviceId) return `agent:${rejection.deviceId}`;
    if (rejection.role === 'viewer' && rejection.sessionId) return (await this.sessions.viewerOf(rejection.sessionId)) ?? 'anonymous';
    return 'anonymous';
  }
}

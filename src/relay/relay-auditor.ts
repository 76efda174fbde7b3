import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditEventType } from '../audit/audit-event-types';
import { AuditService } from '../audit/audit.service';
import { Metrics } from '../ops/metrics';
import { RelaySessionsRepository } from './relay-sessions.repository';
import { Rejection } from './ticket-admission';

/** Backoff between attempts; then every MAX_RETRY_MS. */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];
const MAX_RETRY_MS = 5000;
/** Attempts for a write that is not idempotent (about half a minute), then it is given up (and logged). */
const BOUNDED_ATTEMPTS = 10;
/**
 * Session state changes are idempotent: SessionLifecycleService changes a
 * session only from the state it expects, under a row lock, in the same
 * transaction as its audit record. Retrying one whose commit was acknowledged
 * too late (the connection dropped after COMMIT) finds it done and writes
 * nothing, so these are retried for as long as the process lives: a database
 * outage of any length costs no record and duplicates none. A rejected
 * ticket's record is a plain append, retried a bounded number of times
 * (at-least-once across a dropped COMMIT, which is accepted for rejections).
 */
const IDEMPOTENT: ReadonlySet<AuditEventType> = new Set<AuditEventType>(['sessionStarted', 'sessionEnded']);
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
        if (this.closed || (!IDEMPOTENT.has(event) && attempt + 1 >= BOUNDED_ATTEMPTS)) {
          this.logger.error({ err: error, event }, 'audit write abandoned after retries');
          return;
        }
        // The first failure, then about once a minute: a long outage must not flood the log.
        if (attempt % 12 === 0) this.logger.warn({ err: error, event, attempt: attempt + 1 }, 'audit write failed; retrying in the background');
        await sleep(RETRY_DELAYS_MS[attempt] ?? MAX_RETRY_MS, undefined, { ref: false });
      }
    }
  }

  private async actorFor(rejection: Rejection): Promise<string> {
    if (rejection.role === 'agent' && rejection.deviceId) return `agent:${rejection.deviceId}`;
    if (rejection.role === 'viewer' && rejection.sessionId) return (await this.sessions.viewerOf(rejection.sessionId)) ?? 'anonymous';
    return 'anonymous';
  }
}

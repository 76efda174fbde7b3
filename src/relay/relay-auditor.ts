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
 * Refusals of tickets that did not even verify draw on a budget, so garbage
 * from the internet cannot flood the (serialised) audit chain.
 */
@Injectable()
export class RelayAuditor {
  private readonly logger = new Logger('RelayAudit');
  private readonly pending = new Set<Promise<void>>();
  private readonly anonymousBudget = new TokenBucket(100, 10);
  private closed = false;

  constructor(private readonly audit: AuditService, private readonly metrics: Metrics, private readonly sessions: RelaySessionsRepository) {}

  /** Records `ticketRejected`; never the ticket itself. */
  async rejected(rejection: Rejection, remoteAddress: string | undefined): Promise<void> {
    const verified = rejection.sessionId !== undefined;
    const audited = verified || this.anonymousBudget.take();
    this.metrics.relayTicketRejections.inc({ reason: rejection.reason, audited: String(audited) });
    if (!audited) return;
    const write = this.persist('ticketRejected', async () =>
      this.audit.recordAlone({
        type: 'ticketRejected',
        actor: await this.actorFor(rejection),
        sessionId: rejection.sessionId ?? null,
        deviceId: rejection.deviceId ?? null,
        details: { reason: rejection.reason, role: rejection.role ?? null, remoteAddress: remoteAddress ?? null },
      }),
    );
    await Promise.race([write, sleep(REJECTION_WAIT_MS, undefined, { ref: false })]);
  }

  /** Runs `write` until it succeeds or the retries run out. Never rejects. */
  persist(event: AuditEventType, write: () => Promise<unknown>): Promise<void> {
    const attempt = this.attempt(event, write);
    this.pending.add(attempt);
    void attempt.finally(() => this.pending.delete(attempt));
    return attempt;
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

class TokenBucket {
  private tokens: number;
  private refilledAt = Date.now();

  constructor(private readonly burst: number, private readonly perSecond: number) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

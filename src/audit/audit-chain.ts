import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AuditEvent } from './audit-event-types';
import { canonicalJsonAroundSeq, HashedFields } from './audit-hash';

export const AUDIT_CHANNEL = 'rcgate_audit';

interface PendingRecord {
  fields: Omit<HashedFields, 'seq'>;
  prefix: string;
  suffix: string;
  /** Savepoint depth it was recorded at: rolling that savepoint back drops it. */
  depth: number;
}

/**
 * Locks the chain head, then chains, inserts and announces the pending
 * records in one statement. The hash is computed by the database from the
 * canonical JSON around seq (`canonicalJsonAroundSeq`), byte for byte what
 * `chainHash` computes: sha256(prev_hash ‖ prefix ‖ "seq" ‖ suffix).
 */
const APPEND_SQL = `
WITH RECURSIVE
  head AS (SELECT seq, hash::text AS hash FROM audit_chain_head WHERE id = 1 FOR UPDATE),
  input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::jsonb[])
      WITH ORDINALITY AS i(prefix, suffix, occurred_at, type, actor, session_id, device_id, details, ord)
  ),
  chain(ord, seq, prev_hash, hash) AS (
    SELECT 0::bigint, seq, NULL::text, hash FROM head
    UNION ALL
    SELECT i.ord, c.seq + 1, c.hash,
           encode(sha256(convert_to(c.hash || i.prefix || '"' || (c.seq + 1)::text || '"' || i.suffix, 'UTF8')), 'hex')
    FROM chain c JOIN input i ON i.ord = c.ord + 1
  ),
  inserted AS (
    INSERT INTO audit_records (seq, occurred_at, type, actor, session_id, device_id, details, prev_hash, hash)
    SELECT c.seq, i.occurred_at, i.type, i.actor, i.session_id, i.device_id, i.details, c.prev_hash, c.hash
    FROM chain c JOIN input i ON i.ord = c.ord
    RETURNING seq
  ),
  moved AS (
    UPDATE audit_chain_head h SET seq = last.seq, hash = last.hash
    FROM (SELECT seq, hash FROM chain ORDER BY ord DESC LIMIT 1) last
    WHERE h.id = 1
  )
SELECT count(pg_notify('${AUDIT_CHANNEL}', seq::text))::int AS appended FROM (SELECT seq FROM inserted ORDER BY seq) s`;

/** How many transactions/savepoints are open on `runner` (TypeORM keeps it protected). */
const depthOf = (runner: QueryRunner): number => (runner as unknown as { transactionDepth: number }).transactionDepth;

/**
 * The hash chain. Records are appended inside the caller's transaction, but
 * only right before its COMMIT: the single head row serialises appends, so
 * two transactions can never both extend the same previous hash, and taking
 * that lock last holds it for one statement and the commit instead of the
 * whole transaction. If the transaction rolls back, its records and the head
 * move with it, leaving no gap.
 */
@Injectable()
export class AuditChain implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, PendingRecord[]>();

  constructor(private readonly clock: Clock, dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /** Queues `event` in `manager`'s transaction; it is chained when that transaction commits, or not at all. */
  async append(manager: EntityManager, event: AuditEvent): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      throw new Error('AuditChain.append must run inside a transaction');
    }
    const fields: Omit<HashedFields, 'seq'> = {
      occurredAt: this.clock.now().toISOString(),
      type: event.type,
      actor: event.actor,
      sessionId: event.sessionId ?? null,
      deviceId: event.deviceId ?? null,
      details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
    };
    const records = this.pending.get(runner) ?? [];
    records.push({ fields, ...canonicalJsonAroundSeq(fields), depth: depthOf(runner) });
    this.pending.set(runner, records);
  }

  /** TypeORM calls this before COMMIT (and before RELEASE SAVEPOINT); a failure here rolls the transaction back. */
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    if (depthOf(runner) > 1) return;
    const records = this.pending.get(runner);
    this.pending.delete(runner);
    if (records?.length) await this.write(runner, records);
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    const depth = depthOf(runner);
    const kept = depth > 1 ? (this.pending.get(runner) ?? []).filter((r) => r.depth < depth) : [];
    if (kept.length) this.pending.set(runner, kept);
    else this.pending.delete(runner);
  }

  private async write(runner: QueryRunner, records: PendingRecord[]): Promise<void> {
    const column = <T>(pick: (r: PendingRecord) => T): T[] => records.map(pick);
    await runner.query(APPEND_SQL, [
      column((r) => r.prefix),
      column((r) => r.suffix),
      column((r) => r.fields.occurredAt),
      column((r) => r.fields.type),
      column((r) => r.fields.actor),
      column((r) => r.fields.sessionId),
      column((r) => r.fields.deviceId),
      column((r) => JSON.stringify(r.fields.details)),
    ]);
  }
}

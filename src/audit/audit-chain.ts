import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AuditEvent } from './audit-event-types';
import { chainHash, HashedFields } from './audit-hash';

export const AUDIT_CHANNEL = 'rcgate_audit';

export interface AppendedRecord extends HashedFields {
  prevHash: string;
  hash: string;
}

/**
 * Appends to the hash chain inside the caller's transaction. Locking the
 * single head row serialises appends, so two transactions can never both
 * extend the same previous hash; if the caller's transaction rolls back, so
 * does its audit record and the head, leaving no gap.
 */
@Injectable()
export class AuditChain {
  constructor(private readonly clock: Clock) {}

  async append(manager: EntityManager, event: AuditEvent): Promise<AppendedRecord> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditChain.append must run inside a transaction');
    }
    const [head] = (await manager.query('SELECT seq::text AS seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE')) as { seq: string; hash: string }[];
    const fields: HashedFields = {
      seq: (BigInt(head.seq) + 1n).toString(),
      occurredAt: this.clock.now().toISOString(),
      type: event.type,
      actor: event.actor,
      sessionId: event.sessionId ?? null,
      deviceId: event.deviceId ?? null,
      details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
    };
    const hash = chainHash(head.hash, fields);
    await manager.query(
      `INSERT INTO audit_records (seq, occurred_at, type, actor, session_id, device_id, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [fields.seq, fields.occurredAt, fields.type, fields.actor, fields.sessionId, fields.deviceId, JSON.stringify(fields.details), head.hash, hash],
    );
    await manager.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1', [fields.seq, hash]);
    // Delivered on commit only: subscribers never see a record that was rolled back.
    await manager.query('SELECT pg_notify($1, $2)', [AUDIT_CHANNEL, fields.seq]);
    return { ...fields, prevHash: head.hash, hash };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GENESIS_HASH } from './audit-event-types';
import { chainHash } from './audit-hash';

export interface ChainVerdict {
  valid: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  lastSeq: number;
}

interface Row {
  seq: string;
  occurred_at: Date;
  type: string;
  actor: string;
  session_id: string | null;
  device_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const BATCH = 2000;

/** Recomputes the whole chain in order, in batches, and names the first broken record. */
@Injectable()
export class AuditVerifier {
  constructor(private readonly dataSource: DataSource) {}

  /** One REPEATABLE READ snapshot, so an append landing mid-check can never look like a break. */
  verify(): Promise<ChainVerdict> {
    return this.dataSource.transaction('REPEATABLE READ', (tx) => this.verifyIn(tx));
  }

  private async verifyIn(tx: EntityManager): Promise<ChainVerdict> {
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      // ORDER BY the qualified column: the text alias `seq` would sort 1, 10, 100, 2, ...
      const rows = (await tx.query(
        `SELECT seq::text AS seq, occurred_at, type, actor, session_id, device_id, details, prev_hash, hash
         FROM audit_records WHERE seq >= $1 ORDER BY audit_records.seq LIMIT ${BATCH}`,
        [expectedSeq.toString()],
      )) as Row[];
      for (const row of rows) {
        const recomputed = chainHash(prevHash, {
          seq: row.seq,
          occurredAt: row.occurred_at.toISOString(),
          type: row.type,
          actor: row.actor,
          sessionId: row.session_id,
          deviceId: row.device_id,
          details: row.details,
        });
        if (BigInt(row.seq) !== expectedSeq || row.prev_hash !== prevHash || row.hash !== recomputed) {
          return { valid: false, checked, firstBrokenSeq: Number(expectedSeq), lastSeq: Number(expectedSeq - 1n) };
        }
        prevHash = row.hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < BATCH) break;
    }
    const [head] = (await tx.query('SELECT seq::text AS seq, hash FROM audit_chain_head WHERE id = 1')) as { seq: string; hash: string }[];
    const headMatches = BigInt(head.seq) === expectedSeq - 1n && head.hash === prevHash;
    return {
      valid: headMatches,
      checked,
      firstBrokenSeq: headMatches ? null : Number(expectedSeq),
      lastSeq: Number(expectedSeq - 1n),
    };
  }
}

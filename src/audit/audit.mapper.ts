import { AuditRecordEntity } from './audit-record.entity';
import { AuditRecordModel } from './models/audit-record.model';

export function toAuditRecordModel(row: AuditRecordEntity): AuditRecordModel {
  return {
    id: row.seq,
    seq: Number(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    type: row.type,
    actor: row.actor,
    sessionId: row.sessionId,
    deviceId: row.deviceId,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
    etag: `"${row.hash}"`,
  };
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One link of the append-only audit chain; a trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_records')
export class AuditRecordEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Index('IDX_audit_records_occurred_at')
  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Index('IDX_audit_records_type')
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Index('IDX_audit_records_actor')
  @Column({ type: 'varchar', length: 256 })
  actor: string;

  @Index('IDX_audit_records_session')
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @Index('IDX_audit_records_device')
  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

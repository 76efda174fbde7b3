import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A POST's result, kept 24 h per (caller, Idempotency-Key), with secrets stripped. The caller is a principal, or a device on agent routes (UUIDs both). */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'integer', nullable: true })
  status: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  location: string | null;

  @Index('IDX_idempotency_keys_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

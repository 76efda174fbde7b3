import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { EndReason, SessionAccessLevel, SessionState, SessionType } from './session-states';

/**
 * A brokered session. At most one non-ended fullControl session per device is
 * enforced by a partial unique index (see the migration), so concurrent
 * requests cannot both win.
 */
@Entity('sessions')
@Check('CHK_sessions_state', `"state" IN ('awaitingConsent', 'ready', 'active', 'ended')`)
@Index('IDX_sessions_device_created', ['deviceId', 'createdAt'])
@Index('IDX_sessions_state', ['state'])
@Index('UQ_sessions_device_full_control', { synchronize: false })
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @Column({ type: 'varchar', length: 32 })
  type: SessionType;

  @Column({ name: 'access_level', type: 'varchar', length: 32 })
  accessLevel: SessionAccessLevel;

  @Index('IDX_sessions_viewer')
  @Column({ type: 'varchar', length: 256 })
  viewer: string;

  @Column({ name: 'viewer_principal_id', type: 'uuid' })
  viewerPrincipalId: string;

  @Column({ type: 'varchar', length: 32 })
  state: SessionState;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason: EndReason | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  reason: string | null;

  @Column({ name: 'consent_required', type: 'boolean' })
  consentRequired: boolean;

  @Column({ name: 'consent_deadline', type: 'timestamptz', nullable: true })
  consentDeadline: Date | null;

  @Column({ name: 'join_deadline', type: 'timestamptz', nullable: true })
  joinDeadline: Date | null;

  @Column({ name: 'max_end_at', type: 'timestamptz' })
  maxEndAt: Date;

  @Index('IDX_sessions_relay_node')
  @Column({ name: 'relay_node_id', type: 'uuid', nullable: true })
  relayNodeId: string | null;

  @Column({ name: 'relay_url', type: 'varchar', length: 2048, nullable: true })
  relayUrl: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'consented_at', type: 'timestamptz', precision: 3, nullable: true })
  consentedAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ name: 'bytes_from_viewer', type: 'bigint', default: 0 })
  bytesFromViewer: string;

  @Column({ name: 'bytes_from_agent', type: 'bigint', default: 0 })
  bytesFromAgent: string;

  @VersionColumn({ type: 'integer' })
  version: number;
}

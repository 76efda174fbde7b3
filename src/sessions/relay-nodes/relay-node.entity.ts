import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A relay process that has registered itself; alive while it heart-beats. */
@Entity('relay_nodes')
export class RelayNodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'public_url', type: 'varchar', length: 2048 })
  publicUrl: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'heartbeat_at', type: 'timestamptz' })
  heartbeatAt: Date;

  @Column({ name: 'open_sessions', type: 'integer', default: 0 })
  openSessions: number;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;
}

import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { RemoteToolsSettings } from './remote-tools.settings';

export const DEFAULT_CLIENT_SETTINGS_ID = 'default';
export const DEFAULT_PRIORITY = 10000;

/**
 * A client settings object. Priorities are unique, but checked at commit so a
 * priority move can shift its neighbours in one statement.
 */
@Entity('client_settings')
@Check('CHK_client_settings_priority', `("id" = 'default' AND "priority" = 10000) OR ("id" <> 'default' AND "priority" BETWEEN 1 AND 9999)`)
@Unique('UQ_client_settings_priority', ['priority'], { deferrable: 'INITIALLY DEFERRED' })
export class ClientSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 256 })
  name: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  description: string | null;

  @Column({ type: 'integer' })
  priority: number;

  /** null: this object does not configure the Remote Tools group. */
  @Column({ name: 'remote_tools', type: 'jsonb', nullable: true })
  remoteTools: RemoteToolsSettings | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}

import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { SiteEntity } from '../hierarchy/site.entity';
import type { JoinType } from './device-types';

/**
 * A managed device. Hand-written expression indexes (see the AddInventory
 * migration): unique (site_code, lower(name)), lower(name) text_pattern_ops
 * for prefix search, lower(logged_on_user).
 */
@Entity('devices')
@Index('UQ_devices_site_name', { synchronize: false })
@Index('IDX_devices_name_lower', { synchronize: false })
@Index('IDX_devices_logged_on_user_lower', { synchronize: false })
@Index('IDX_devices_name_id', ['name', 'id'])
@Check('CHK_devices_join_type', `"join_type" IN ('domain', 'workgroup')`)
@Check('CHK_devices_domain', `("join_type" = 'domain') = ("domain" IS NOT NULL)`)
export class DeviceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Bytewise order (COLLATE "C"), see the DeviceNamesInBytewiseOrder migration. */
  @Column({ type: 'varchar', length: 15, collation: 'C' })
  name: string;

  @Column({ name: 'site_code', type: 'varchar', length: 3 })
  siteCode: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_code', foreignKeyConstraintName: 'FK_devices_site' })
  site?: SiteEntity;

  @Index('IDX_devices_join_type')
  @Column({ name: 'join_type', type: 'varchar', length: 16 })
  joinType: JoinType;

  @Column({ type: 'varchar', length: 255, nullable: true })
  domain: string | null;

  @Column({ type: 'varchar', length: 15, nullable: true })
  workgroup: string | null;

  @Column({ name: 'os_name', type: 'varchar', length: 128, nullable: true })
  osName: string | null;

  @Column({ name: 'os_version', type: 'varchar', length: 64, nullable: true })
  osVersion: string | null;

  @Column({ name: 'client_version', type: 'varchar', length: 64, nullable: true })
  clientVersion: string | null;

  @Column({ name: 'client_active', type: 'boolean', default: false })
  clientActive: boolean;

  /** The logged-on user; null means the device is unattended. */
  @Column({ name: 'logged_on_user', type: 'varchar', length: 256, nullable: true })
  currentUser: string | null;

  @Column({ name: 'local_administrators', type: 'text', array: true, default: () => "'{}'" })
  localAdministrators: string[];

  @Column({ name: 'ip_addresses', type: 'text', array: true, default: () => "'{}'" })
  ipAddresses: string[];

  @Index('IDX_devices_last_seen_at')
  @Column({ name: 'last_seen_at', type: 'timestamptz', precision: 3, nullable: true })
  lastSeenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}

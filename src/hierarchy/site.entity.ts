import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { SiteType } from './site-types';

/** A site of the hierarchy; `UQ_sites_single_central` (hand-written) allows one central site. */
@Entity('sites')
@Index('UQ_sites_single_central', { synchronize: false })
@Check('CHK_sites_type', `"type" IN ('central', 'primary', 'secondary')`)
@Check('CHK_sites_code', `"code" ~ '^[A-Z0-9]{3}$'`)
export class SiteEntity {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code: string;

  @Column({ type: 'varchar', length: 256 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: SiteType;

  @Index('IDX_sites_parent_code')
  @Column({ name: 'parent_code', type: 'varchar', length: 3, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'FK_sites_parent' })
  parent?: SiteEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}

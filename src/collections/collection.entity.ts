import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A device collection. `UQ_collections_name` (hand-written): names are
 * unique regardless of case. The built-in All Systems row is seeded by the
 * AddInventory migration.
 */
@Entity('collections')
@Index('UQ_collections_name', { synchronize: false })
@Check('CHK_collections_limiting', `"built_in" OR "limiting_collection_id" IS NOT NULL`)
export class CollectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 256 })
  name: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  description: string | null;

  /** Members are always within the limiting collection's members; null only for All Systems. */
  @Index('IDX_collections_limiting')
  @Column({ name: 'limiting_collection_id', type: 'varchar', length: 64, nullable: true })
  limitingCollectionId: string | null;

  @ManyToOne(() => CollectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'limiting_collection_id', foreignKeyConstraintName: 'FK_collections_limiting' })
  limitingCollection?: CollectionEntity;

  @Column({ name: 'built_in', type: 'boolean', default: false })
  builtIn: boolean;

  @Column({ name: 'member_count', type: 'integer', default: 0 })
  memberCount: number;

  @Column({ name: 'last_evaluated_at', type: 'timestamptz', precision: 3, nullable: true })
  lastEvaluatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}

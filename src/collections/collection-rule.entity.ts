import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DeviceEntity } from '../devices/device.entity';
import { CollectionEntity } from './collection.entity';
import type { RuleType } from './collection-types';

/** A membership rule: direct (a device), query (a device filter), include or exclude (a collection). */
@Entity('collection_rules')
@Index('UQ_collection_rules_device', ['collectionId', 'deviceId'], { unique: true })
@Index('UQ_collection_rules_reference', ['collectionId', 'type', 'refCollectionId'], { unique: true })
@Check('CHK_collection_rules_type', `"type" IN ('direct', 'query', 'include', 'exclude')`)
@Check(
  'CHK_collection_rules_shape',
  `("type" = 'direct') = ("device_id" IS NOT NULL) AND ("type" = 'query') = ("filter" IS NOT NULL) AND ("type" IN ('include', 'exclude')) = ("ref_collection_id" IS NOT NULL)`,
)
export class CollectionRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'collection_id', type: 'varchar', length: 64 })
  collectionId: string;

  @ManyToOne(() => CollectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collection_id', foreignKeyConstraintName: 'FK_collection_rules_collection' })
  collection?: CollectionEntity;

  @Column({ type: 'varchar', length: 16 })
  type: RuleType;

  @Index('IDX_collection_rules_device')
  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId: string | null;

  /** A direct rule goes with its device. */
  @ManyToOne(() => DeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_collection_rules_device' })
  device?: DeviceEntity;

  @Index('IDX_collection_rules_reference')
  @Column({ name: 'ref_collection_id', type: 'varchar', length: 64, nullable: true })
  refCollectionId: string | null;

  @ManyToOne(() => CollectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ref_collection_id', foreignKeyConstraintName: 'FK_collection_rules_reference' })
  refCollection?: CollectionEntity;

  @Column({ type: 'varchar', length: 256, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 4096, nullable: true })
  filter: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

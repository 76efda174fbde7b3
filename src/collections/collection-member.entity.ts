import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeviceEntity } from '../devices/device.entity';
import { CollectionEntity } from './collection.entity';

/** Stored membership: kept current on rule and device changes, so reads are indexed joins. */
@Entity('collection_members')
@Index('IDX_collection_members_device', ['deviceId', 'collectionId'])
export class CollectionMemberEntity {
  @PrimaryColumn({ name: 'collection_id', type: 'varchar', length: 64 })
  collectionId: string;

  @PrimaryColumn({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @ManyToOne(() => CollectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collection_id', foreignKeyConstraintName: 'FK_collection_members_collection' })
  collection?: CollectionEntity;

  @ManyToOne(() => DeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_collection_members_device' })
  device?: DeviceEntity;
}

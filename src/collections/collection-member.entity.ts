import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Stored membership: derived data, kept current in the same transaction as
 * every rule and device change, so reads are indexed joins. It has no foreign
 * keys on purpose: their per-row checks were three quarters of the cost of a
 * re-evaluation. Deleting a device or collection removes its rows in code
 * (MembershipService.devicesDeleting, CollectionsService.remove).
 */
@Entity('collection_members')
@Index('IDX_collection_members_device', ['deviceId', 'collectionId'])
export class CollectionMemberEntity {
  @PrimaryColumn({ name: 'collection_id', type: 'varchar', length: 64 })
  collectionId: string;

  @PrimaryColumn({ name: 'device_id', type: 'uuid' })
  deviceId: string;
}

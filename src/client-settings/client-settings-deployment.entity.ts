import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CollectionEntity } from '../collections/collection.entity';
import { ClientSettingsEntity } from './client-settings.entity';

/** A custom client settings object deployed to a device collection. */
@Entity('client_settings_deployments')
export class ClientSettingsDeploymentEntity {
  @PrimaryColumn({ name: 'client_settings_id', type: 'varchar', length: 64 })
  clientSettingsId: string;

  @ManyToOne(() => ClientSettingsEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_settings_id', foreignKeyConstraintName: 'FK_deployments_client_settings' })
  clientSettings?: ClientSettingsEntity;

  @Index('IDX_client_settings_deployments_collection')
  @PrimaryColumn({ name: 'collection_id', type: 'varchar', length: 64 })
  collectionId: string;

  /** RESTRICT: a collection with deployments cannot be deleted (the service names them first). */
  @ManyToOne(() => CollectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'collection_id', foreignKeyConstraintName: 'FK_deployments_collection' })
  collection?: CollectionEntity;

  @Column({ name: 'deployed_by', type: 'varchar', length: 256 })
  deployedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

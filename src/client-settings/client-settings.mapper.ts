import { etagOf } from '../common/etag/etag';
import { toGlobalId } from '../common/graphql/global-id';
import { ClientSettingsDeploymentEntity } from './client-settings-deployment.entity';
import { ClientSettingsEntity, DEFAULT_CLIENT_SETTINGS_ID } from './client-settings.entity';
import { ClientSettingsModel, DeploymentModel, ResultantSettingsModel } from './models/client-settings.model';
import { ResultantSettings } from './resultant-settings.service';

export function toClientSettingsModel(entity: ClientSettingsEntity): ClientSettingsModel {
  return {
    id: entity.id,
    nodeId: toGlobalId('ClientSettings', entity.id),
    name: entity.name,
    description: entity.description,
    priority: entity.priority,
    isDefault: entity.id === DEFAULT_CLIENT_SETTINGS_ID,
    remoteTools: entity.remoteTools,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    etag: etagOf(entity.id, entity.version),
  };
}

export function toDeploymentModel(entity: ClientSettingsDeploymentEntity): DeploymentModel {
  const id = `${entity.clientSettingsId}:${entity.collectionId}`;
  return {
    id,
    clientSettingsId: entity.clientSettingsId,
    collectionId: entity.collectionId,
    deployedBy: entity.deployedBy,
    createdAt: entity.createdAt.toISOString(),
    etag: etagOf(id, 1),
  };
}

export function toResultantSettingsModel(result: ResultantSettings): ResultantSettingsModel {
  return {
    id: result.deviceId,
    deviceId: result.deviceId,
    sourceClientSettingsId: result.sourceClientSettingsId,
    remoteTools: result.remoteTools,
    evaluatedAt: result.evaluatedAt.toISOString(),
    etag: result.etag,
  };
}

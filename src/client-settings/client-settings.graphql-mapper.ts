import { toGlobalId } from '../common/graphql/global-id';
import { etagOf } from '../common/etag/etag';
import { ClientSettingsEntity, DEFAULT_CLIENT_SETTINGS_ID } from './client-settings.entity';
import { ClientSettingsObject } from './models/client-settings.object';
import { RemoteToolsObject } from './models/remote-tools.object';

export function toClientSettingsObject(entity: ClientSettingsEntity): ClientSettingsObject {
  return {
    __typename: 'ClientSettings',
    id: toGlobalId('ClientSettings', entity.id),
    clientSettingsId: entity.id,
    name: entity.name,
    description: entity.description,
    priority: entity.priority,
    isDefault: entity.id === DEFAULT_CLIENT_SETTINGS_ID,
    remoteTools: entity.remoteTools as RemoteToolsObject | null,
    etag: etagOf(entity.id, entity.version),
    updatedAt: entity.updatedAt,
  };
}

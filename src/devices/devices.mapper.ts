import { etagOf } from '../common/etag/etag';
import { toGlobalId } from '../common/graphql/global-id';
import { DeviceEntity } from './device.entity';
import { DeviceModel } from './models/device.model';
import { DeviceObject } from './models/device.object';
import { JoinTypeEnum } from './models/join-type.enum';

function fieldsOf(d: DeviceEntity) {
  return {
    name: d.name,
    siteCode: d.siteCode,
    domain: d.domain,
    workgroup: d.workgroup,
    osName: d.osName,
    osVersion: d.osVersion,
    clientVersion: d.clientVersion,
    clientActive: d.clientActive,
    currentUser: d.currentUser,
    localAdministrators: d.localAdministrators,
    ipAddresses: d.ipAddresses,
  };
}

export function toDeviceModel(d: DeviceEntity, online: boolean): DeviceModel {
  return {
    id: d.id,
    nodeId: toGlobalId('Device', d.id),
    ...fieldsOf(d),
    joinType: d.joinType,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    online,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    etag: etagOf(d.id, d.version),
  };
}

export function toDeviceObject(d: DeviceEntity, online: boolean): DeviceObject {
  return {
    __typename: 'Device',
    id: toGlobalId('Device', d.id),
    deviceId: d.id,
    ...fieldsOf(d),
    joinType: d.joinType as JoinTypeEnum,
    lastSeenAt: d.lastSeenAt,
    online,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    etag: etagOf(d.id, d.version),
  };
}

/** The wire fields an audit record compares before and after a change. */
export function deviceSnapshot(d: DeviceEntity): Record<string, unknown> {
  return { ...fieldsOf(d), joinType: d.joinType };
}

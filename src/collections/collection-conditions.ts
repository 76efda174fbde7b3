import { SqlCondition } from '../devices/device-scope';

/** Devices (alias `d`) that are members of the collection. */
export function membersOf(collectionId: string): SqlCondition {
  return { sql: 'EXISTS (SELECT 1 FROM collection_members mo WHERE mo.device_id = d.id AND mo.collection_id = :memberOf)', params: { memberOf: collectionId } };
}

/** Collections (alias `c`) that hold the device. */
export function holding(deviceId: string): SqlCondition {
  return { sql: 'EXISTS (SELECT 1 FROM collection_members ho WHERE ho.collection_id = c.id AND ho.device_id = :heldDevice)', params: { heldDevice: deviceId } };
}

/** The scope membership SQL devices/device-scope.ts asks for: in one of these collections. */
export function inAnyOf(deviceIdSql: string, collectionIds: string[]): SqlCondition {
  return {
    sql: `EXISTS (SELECT 1 FROM collection_members sc WHERE sc.device_id = ${deviceIdSql} AND sc.collection_id = ANY(:scopeCollectionIds))`,
    params: { scopeCollectionIds: collectionIds },
  };
}

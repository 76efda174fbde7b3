import { FieldMap } from '../common/filter/filter-fields';
import { JOIN_TYPES } from './device-types';

/** The SQL for `online`: a heartbeat within the configured window. */
export function onlineSql(offlineAfterSeconds: number, alias = 'd'): string {
  const seconds = Math.max(0, Math.floor(offlineAfterSeconds));
  return `(${alias}.last_seen_at IS NOT NULL AND ${alias}.last_seen_at > now() - make_interval(secs => ${seconds}))`;
}

/**
 * Every scalar device field by wire name, for filter, orderby and select;
 * columns are on the alias `d`. `online` is derived from lastSeenAt.
 */
export function deviceFields(offlineAfterSeconds: number): FieldMap {
  return {
    id: { column: 'd.id', type: 'uuid' },
    name: { column: 'd.name', type: 'string', asciiPrefixRange: true },
    siteCode: { column: 'd.site_code', type: 'string' },
    joinType: { column: 'd.join_type', type: 'enum', values: JOIN_TYPES },
    domain: { column: 'd.domain', type: 'string' },
    workgroup: { column: 'd.workgroup', type: 'string' },
    osName: { column: 'd.os_name', type: 'string' },
    osVersion: { column: 'd.os_version', type: 'string' },
    clientVersion: { column: 'd.client_version', type: 'string' },
    clientActive: { column: 'd.client_active', type: 'boolean' },
    currentUser: { column: 'd.logged_on_user', type: 'string' },
    localAdministrators: { column: 'd.local_administrators', type: 'stringArray' },
    ipAddresses: { column: 'd.ip_addresses', type: 'stringArray' },
    lastSeenAt: { column: 'd.last_seen_at', type: 'datetime' },
    online: { column: onlineSql(offlineAfterSeconds), type: 'boolean', sortable: false },
    createdAt: { column: 'd.created_at', type: 'datetime' },
    updatedAt: { column: 'd.updated_at', type: 'datetime' },
  };
}

/** Fields whose value changes with time alone, not with a write: stored membership cannot use them. */
export const TIME_DERIVED_DEVICE_FIELDS = ['online'];

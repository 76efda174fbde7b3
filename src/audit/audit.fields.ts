import { AUDIT_EVENT_TYPES } from './audit-event-types';
import { FieldMap } from '../common/filter/filter-fields';

export const AUDIT_FIELDS: FieldMap = {
  seq: { column: 'a.seq', type: 'number' },
  occurredAt: { column: 'a.occurred_at', type: 'datetime' },
  type: { column: 'a.type', type: 'enum', values: AUDIT_EVENT_TYPES },
  actor: { column: 'a.actor', type: 'string' },
  sessionId: { column: 'a.session_id', type: 'uuid' },
  deviceId: { column: 'a.device_id', type: 'uuid' },
};

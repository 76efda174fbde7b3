import { FieldMap } from '../common/filter/filter-fields';
import { END_REASONS, SESSION_ACCESS_LEVELS, SESSION_STATES, SESSION_TYPES } from './session-states';

export const SESSION_FIELDS: FieldMap = {
  id: { column: 's.id', type: 'uuid' },
  deviceId: { column: 's.device_id', type: 'uuid' },
  type: { column: 's.type', type: 'enum', values: SESSION_TYPES },
  accessLevel: { column: 's.access_level', type: 'enum', values: SESSION_ACCESS_LEVELS },
  viewer: { column: 's.viewer', type: 'string' },
  state: { column: 's.state', type: 'enum', values: SESSION_STATES },
  endReason: { column: 's.end_reason', type: 'enum', values: END_REASONS },
  createdAt: { column: 's.created_at', type: 'datetime' },
  startedAt: { column: 's.started_at', type: 'datetime' },
  endedAt: { column: 's.ended_at', type: 'datetime' },
};

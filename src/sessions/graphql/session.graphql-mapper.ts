import { toGlobalId } from '../../common/graphql/global-id';
import { SessionEntity } from '../session.entity';
import { SessionAccessLevelEnum, SessionObject, SessionStateEnum, SessionTypeEnum } from './session.object';

export function toSessionObject(s: SessionEntity): SessionObject {
  return {
    __typename: 'Session',
    id: toGlobalId('Session', s.id),
    sessionId: s.id,
    deviceId: s.deviceId,
    type: s.type as SessionTypeEnum,
    accessLevel: s.accessLevel as SessionAccessLevelEnum,
    viewer: s.viewer,
    state: s.state as SessionStateEnum,
    endReason: s.endReason,
    reason: s.reason,
    consentRequired: s.consentRequired,
    consentDeadline: s.consentDeadline,
    relayUrl: s.relayUrl,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    bytesFromViewer: Number(s.bytesFromViewer),
    bytesFromAgent: Number(s.bytesFromAgent),
  };
}

import { etagOf } from '../common/etag/etag';
import { toGlobalId } from '../common/graphql/global-id';
import { SessionModel } from './models/session.model';
import { SessionEntity } from './session.entity';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toSessionModel(s: SessionEntity): SessionModel {
  return {
    id: s.id,
    nodeId: toGlobalId('Session', s.id),
    deviceId: s.deviceId,
    type: s.type,
    accessLevel: s.accessLevel,
    viewer: s.viewer,
    state: s.state,
    endReason: s.endReason,
    reason: s.reason,
    consentRequired: s.consentRequired,
    consentDeadline: iso(s.consentDeadline),
    relayUrl: s.relayUrl,
    createdAt: s.createdAt.toISOString(),
    consentedAt: iso(s.consentedAt),
    startedAt: iso(s.startedAt),
    endedAt: iso(s.endedAt),
    bytesFromViewer: Number(s.bytesFromViewer),
    bytesFromAgent: Number(s.bytesFromAgent),
    etag: etagOf(s.id, s.version),
  };
}

/** The browser viewer's address; the ticket stays in the fragment. */
export function viewerUrlOf(baseUrl: string, sessionId: string, ticket: string, relayUrl: string | null): string {
  const fragment = new URLSearchParams({ session: sessionId, ticket, ...(relayUrl ? { relay: relayUrl } : {}) });
  return `${baseUrl}/viewer/#${fragment.toString()}`;
}

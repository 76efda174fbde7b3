import { END_REASONS, EndReason } from '../sessions/session-states';
import type { SessionEntity } from '../sessions/session.entity';
import { RelaySide } from './relay.types';
import { PumpEnd } from './stream-pump';

/** Audit actor for ends the relay or a sweeper decides, not a person or a device. */
export const SYSTEM_ACTOR = 'system';

export interface SessionEnding {
  reason: EndReason;
  actor: string;
}

export const agentActor = (deviceId: string): string => `agent:${deviceId}`;

export function isEndReason(value: string): value is EndReason {
  return (END_REASONS as readonly string[]).includes(value);
}

/**
 * Why a piped session ended, for the session row and its audit record. A
 * side that closed (or vanished, or sent an oversized frame) ended it; when
 * the relay closed both, its close reason is the end reason, except for a
 * stream that broke a relay rule, which is put down to the side that sent it.
 */
export function endingOf(end: PumpEnd, session: Pick<SessionEntity, 'viewer' | 'deviceId'>, ruleBrokenBy?: RelaySide): SessionEnding {
  const relayReason = end.endedBy === 'relay' && isEndReason(end.reason) ? end.reason : undefined;
  const side = end.endedBy === 'relay' ? (relayReason ? undefined : ruleBrokenBy) : end.endedBy;
  if (side === 'viewer') return { reason: 'viewerClosed', actor: session.viewer };
  if (side === 'agent') return { reason: 'agentClosed', actor: agentActor(session.deviceId) };
  return { reason: relayReason ?? 'relayLost', actor: SYSTEM_ACTOR };
}

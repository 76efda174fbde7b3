import { ApiError, ServerUnreachableError } from '../client/api-error';
import { UsageError } from '../client/credentials-store';

/** `rcgate connect` exit codes; scripts branch on these, so they never change meaning. */
export const ExitCode = {
  /** The session ended normally: viewerClosed, agentClosed, endedByAdministrator, maxDurationReached. */
  Ended: 0,
  /** Bad flags, unknown device, or the token was refused. */
  Usage: 1,
  /** Policy denied the session (the reason and the rule trace are printed). */
  Denied: 2,
  /** The user denied consent or did not answer in time. */
  ConsentRefused: 3,
  /** The device is offline, or busy with another full-control session. */
  Unavailable: 4,
  /** The connection was lost: relayLost, ticketExpired, a socket error, deviceDeleted, or the server unreachable. */
  ConnectionLost: 5,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const BY_END_REASON: Record<string, ExitCodeValue> = {
  viewerClosed: ExitCode.Ended,
  agentClosed: ExitCode.Ended,
  endedByAdministrator: ExitCode.Ended,
  maxDurationReached: ExitCode.Ended,
  consentDenied: ExitCode.ConsentRefused,
  consentTimeout: ExitCode.ConsentRefused,
  relayLost: ExitCode.ConnectionLost,
  ticketExpired: ExitCode.ConnectionLost,
  deviceDeleted: ExitCode.ConnectionLost,
};

/** The exit code for a session's final endReason (unknown or missing: the connection was lost). */
export function exitCodeForEndReason(endReason: string | null | undefined): ExitCodeValue {
  return (endReason ? BY_END_REASON[endReason] : undefined) ?? ExitCode.ConnectionLost;
}

const UNAVAILABLE_REASONS = new Set(['deviceOffline', 'deviceBusy']);

/** The exit code for an error raised before or while setting the session up. */
export function exitCodeForError(error: unknown): ExitCodeValue {
  if (error instanceof UsageError) return ExitCode.Usage;
  if (error instanceof ServerUnreachableError) return ExitCode.ConnectionLost;
  if (!(error instanceof ApiError)) return ExitCode.ConnectionLost;
  if (error.problem.reason && UNAVAILABLE_REASONS.has(error.problem.reason)) return ExitCode.Unavailable;
  if (error.status === 403) return ExitCode.Denied;
  if (error.status === 409 && (error.problem.reason === 'consentDenied' || error.problem.reason === 'consentTimeout')) return ExitCode.ConsentRefused;
  if (error.status >= 500) return ExitCode.ConnectionLost;
  return ExitCode.Usage;
}

import { ApiError, RuleResult } from '../client/api-error';
import { StartedSession, StartSessionBody } from '../client/api.types';
import { OperatorApi } from '../client/operator-api';
import { Progress } from './progress';

/** Policy said no; carries the reason and the rule trace to print. */
export class PolicyDeniedError extends Error {
  override name = 'PolicyDeniedError';
  constructor(
    readonly reason: string | undefined,
    readonly detail: string | undefined,
    readonly rules: RuleResult[],
  ) {
    super(`denied by policy: ${reason ?? 'unknown'}`);
  }
}

/** The session ended before the viewer could join (consent denied or timed out, ended by an administrator…). */
export class SessionEndedEarlyError extends Error {
  override name = 'SessionEndedEarlyError';
  constructor(readonly endReason: string | null) {
    super(`the session ended before it started (${endReason ?? 'no reason given'})`);
  }
}

export interface JoinInfo {
  session: StartedSession;
  viewerTicket: string;
  relayUrl: string;
}

/** Creates the session; a 403 becomes a PolicyDeniedError with the full rule trace (from the problem, else from POST /sessions/check). */
export async function startSession(api: OperatorApi, body: StartSessionBody): Promise<StartedSession> {
  try {
    return await api.startSession(body);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403 || !error.problem.reason) throw error;
    let rules = error.problem.rules ?? [];
    if (rules.length === 0) rules = await api.checkSession(body).then((check) => check.rules, () => []);
    throw new PolicyDeniedError(error.problem.reason, error.problem.detail, rules);
  }
}

/** The viewer ticket: at once when no consent is needed, else after waiting (with a countdown) for the user's answer. */
export async function awaitViewerTicket(api: OperatorApi, session: StartedSession, progress: Progress, signal: AbortSignal, pollMs = 1000): Promise<JoinInfo> {
  if (session.viewerTicket) return { session, viewerTicket: session.viewerTicket, relayUrl: session.relayUrl ?? '' };
  if (session.consentDeadline) progress.countdown("awaiting the user's consent", new Date(session.consentDeadline));
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const current = await api.getSession(session.id);
      if (current.state === 'ended') throw new SessionEndedEarlyError(current.endReason);
      if (current.state !== 'awaitingConsent' && current.state !== 'requested') {
        try {
          const ticket = await api.issueViewerTicket(session.id);
          progress.stopCountdown();
          progress.step('the user granted consent');
          return { session: { ...session, ...current }, viewerTicket: ticket.viewerTicket, relayUrl: ticket.relayUrl || current.relayUrl || '' };
        } catch (error) {
          // Racing a state change: look again.
          if (!(error instanceof ApiError && error.status === 409)) throw error;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    progress.stopCountdown();
  }
}

/** After the socket closed: the final endReason, polling briefly while the relay finishes recording it. */
export async function finalEndReason(api: OperatorApi, sessionId: string, timeoutMs = 5000, pollMs = 200): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = await api.getSession(sessionId).catch(() => undefined);
    if (session?.state === 'ended') return session.endReason;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

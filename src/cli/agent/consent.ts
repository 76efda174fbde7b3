import { spawn } from 'node:child_process';
import { AccessLevel, SessionType } from '../client/api.types';
import { describeAccess, describeType } from '../client/session-labels';
import { ConsentMode } from './consent-mode';
import { askYesNo, PromptIo } from './tty-question';

export interface ConsentRequest {
  sessionId: string;
  viewer: string;
  type: SessionType;
  accessLevel: AccessLevel;
  reason: string | null;
  /** After this the server has already ended the session as consentTimeout. */
  deadline: Date;
}

/** Resolves true to grant. Must resolve by the deadline (an unanswered request is a denial). */
export type ConsentStrategy = (request: ConsentRequest) => Promise<boolean>;

/** Time left to answer, keeping a second for the answer to reach the server. */
export const answerWindowMs = (deadline: Date, now = Date.now()): number => Math.max(0, deadline.getTime() - now - 1000);

export function consentStrategy(mode: ConsentMode, io?: PromptIo): ConsentStrategy {
  switch (mode.kind) {
    case 'grant':
      return () => Promise.resolve(true);
    case 'deny':
      return () => Promise.resolve(false);
    case 'command':
      return (request) => runConsentCommand(mode.command, request);
    case 'prompt':
      return promptStrategy(io);
  }
}

/** Runs `sh -c command` with the request in RCGATE_* variables; exit 0 grants. Killed (denied) at the deadline. */
export function runConsentCommand(command: string, request: ConsentRequest): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        RCGATE_SESSION_ID: request.sessionId,
        RCGATE_VIEWER: request.viewer,
        RCGATE_SESSION_TYPE: request.type,
        RCGATE_ACCESS_LEVEL: request.accessLevel,
        RCGATE_REASON: request.reason ?? '',
        RCGATE_CONSENT_DEADLINE: request.deadline.toISOString(),
      },
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), answerWindowMs(request.deadline));
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

/** One question at a time on the terminal; concurrent offers wait their turn (their deadlines still run). */
function promptStrategy(io?: PromptIo): ConsentStrategy {
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const answer = queue.then(() => {
      const window = answerWindowMs(request.deadline);
      if (window <= 0) return false;
      const reason = request.reason ? `\n  Reason: ${request.reason}` : '';
      const question =
        `\n${request.viewer} requests ${describeType(request.type)} of this computer (${describeAccess(request.accessLevel)}).${reason}\n` +
        `  Allow? [y/N] (${Math.floor(window / 1000)} s) `;
      return askYesNo(question, window, io);
    });
    queue = answer.catch(() => false);
    return answer;
  };
}

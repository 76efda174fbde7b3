import { spawn } from 'node:child_process';
import { AccessLevel, SessionType } from '../client/api.types';
import { Env } from '../client/credentials-store';
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

/**
 * `unanswered`: nobody answered before the deadline. The agent then sends
 * nothing and the server ends the session as consentTimeout, so the audit
 * trail tells "the user said no" from "nobody was there".
 */
export type ConsentAnswer = 'granted' | 'denied' | 'unanswered';

/** Must resolve by the deadline. */
export type ConsentStrategy = (request: ConsentRequest) => Promise<ConsentAnswer>;

/** Time left to answer, keeping a second for the answer to reach the server. */
export const answerWindowMs = (deadline: Date, now = Date.now()): number => Math.max(0, deadline.getTime() - now - 1000);

/** `env` is handed to a consent command (with the RCGATE_* request variables added). */
export function consentStrategy(mode: ConsentMode, context: { env?: Env; io?: PromptIo } = {}): ConsentStrategy {
  switch (mode.kind) {
    case 'grant':
      return () => Promise.resolve('granted');
    case 'deny':
      return () => Promise.resolve('denied');
    case 'command':
      return (request) => runConsentCommand(mode.command, request, context.env ?? {});
    case 'prompt':
      return promptStrategy(context.io);
  }
}

/** Runs `sh -c command` with the request in RCGATE_* variables; exit 0 grants, any other exit denies; killed unanswered at the deadline. */
export function runConsentCommand(command: string, request: ConsentRequest, env: Env): Promise<ConsentAnswer> {
  return new Promise((resolve) => {
    let timedOut = false;
    // Its own process group, so that a dialog it started goes away with it at the deadline.
    const child = spawn('/bin/sh', ['-c', command], {
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...withoutSecrets(env),
        RCGATE_SESSION_ID: request.sessionId,
        RCGATE_VIEWER: request.viewer,
        RCGATE_SESSION_TYPE: request.type,
        RCGATE_ACCESS_LEVEL: request.accessLevel,
        RCGATE_REASON: request.reason ?? '',
        RCGATE_CONSENT_DEADLINE: request.deadline.toISOString(),
      },
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, answerWindowMs(request.deadline));
    process.once('exit', killGroup);
    const settle = (answer: ConsentAnswer) => {
      clearTimeout(timer);
      process.off('exit', killGroup);
      resolve(answer);
    };
    child.once('error', () => settle('denied'));
    child.once('exit', (code) => {
      if (timedOut) killGroup();
      settle(timedOut ? 'unanswered' : code === 0 ? 'granted' : 'denied');
    });
  });
}

/** The consent command is the user's program: it gets the agent's environment, but not its secrets. */
function withoutSecrets(env: Env): Env {
  const { RCGATE_ENROLLMENT_KEY: _key, RCGATE_TOKEN: _token, ...rest } = env;
  return rest;
}

/** One question at a time on the terminal; concurrent offers wait their turn (their deadlines still run). */
function promptStrategy(io?: PromptIo): ConsentStrategy {
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const answer = queue.then((): Promise<ConsentAnswer> | ConsentAnswer => {
      const window = answerWindowMs(request.deadline);
      if (window <= 0) return 'unanswered';
      const reason = request.reason ? `\n  Reason: ${request.reason}` : '';
      const question =
        `\n${request.viewer} requests ${describeType(request.type)} of this computer (${describeAccess(request.accessLevel)}).${reason}\n` +
        `  Allow? [y/N] (${Math.floor(window / 1000)} s) `;
      return askYesNo(question, window, io);
    });
    queue = answer.catch(() => 'unanswered');
    return answer;
  };
}

import { isAuthenticationError } from '../client/api-error';
import { HeartbeatBody } from '../client/api.types';
import { AgentLog } from './agent-log';
import { Backoff, sleep } from './backoff';
import { DeviceConnection } from './device-connection';

export const DEFAULT_HEARTBEAT_SECONDS = 30;

/** Reports the logged-on user and addresses every heartbeatIntervalSeconds (the server's figure), backing off while it is down. */
export async function runHeartbeatLoop(connection: DeviceConnection, report: () => HeartbeatBody, log: AgentLog, signal: AbortSignal, firstBeat?: () => void): Promise<void> {
  let intervalSeconds = DEFAULT_HEARTBEAT_SECONDS;
  const backoff = new Backoff({ maxMs: intervalSeconds * 1000 });
  let failing = false;
  let first = true;
  while (!signal.aborted) {
    let delay: number;
    try {
      const result = await connection.api.heartbeat(report(), signal);
      intervalSeconds = clampInterval(result.heartbeatIntervalSeconds);
      if (failing || first) log(`heartbeat ok (every ${intervalSeconds} s)`);
      if (first) firstBeat?.();
      failing = first = false;
      backoff.reset();
      delay = intervalSeconds * 1000;
    } catch (error) {
      if (signal.aborted) return;
      if (isAuthenticationError(error)) await connection.tokenRejected(signal).catch((reason: Error) => log(`re-enrolment failed: ${reason.message}`));
      delay = Math.min(backoff.next(), intervalSeconds * 1000);
      if (!failing) log(`heartbeat failed (${(error as Error).message}); retrying`);
      failing = true;
    }
    await sleep(delay, signal);
  }
}

export function clampInterval(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return DEFAULT_HEARTBEAT_SECONDS;
  return Math.min(Math.max(Math.round(seconds), 1), 3600);
}

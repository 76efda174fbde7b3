import { AgentApi } from '../client/agent-api';
import { ApiError } from '../client/api-error';
import { UsageError } from '../client/credentials-store';
import { AgentLog } from './agent-log';
import { AgentOptions } from './agent-options';
import { AgentIdentity, AgentStateStore } from './agent-state';
import { Backoff, sleep } from './backoff';
import { clientVersion, osFacts } from './host-facts';

/** A 4xx from enrolment will not get better by retrying (bad or used-up key, unknown site). */
export class EnrolmentRefusedError extends Error {
  override name = 'EnrolmentRefusedError';
}

/** The stored identity when it is for this server; otherwise enrols (retrying while the server is unreachable). */
export async function ensureEnrolled(options: AgentOptions, store: AgentStateStore, log: AgentLog, signal: AbortSignal): Promise<AgentIdentity> {
  const stored = store.load();
  const server = options.server ?? stored?.server;
  if (!server) throw new UsageError('no server: pass --server URL or set RCGATE_SERVER');
  if (stored && stored.server === server && (stored.name === undefined || stored.name === options.name)) {
    log(`using enrolment in ${store.path} (device ${stored.deviceId})`);
    return stored;
  }
  if (!options.enrollmentKey) {
    throw new UsageError(stored ? `${store.path} is for ${stored.server} as ${stored.name}; pass --enrollment-key to enrol with ${server} as ${options.name}` : 'not enrolled yet: pass --enrollment-key KEY (or set RCGATE_ENROLLMENT_KEY)');
  }
  return enrol(options, options.enrollmentKey, server, store, log, signal);
}

/** Enrols (or re-enrols: the same name and site rebinds the device) and stores the new identity. */
export async function enrol(options: AgentOptions, key: string, server: string, store: AgentStateStore, log: AgentLog, signal: AbortSignal): Promise<AgentIdentity> {
  const api = new AgentApi(server);
  const backoff = new Backoff();
  for (;;) {
    if (signal.aborted) throw signal.reason;
    try {
      const enrollment = await api.enroll(
        {
          enrollmentKey: key,
          name: options.name,
          siteCode: options.siteCode,
          ...options.join,
          ...osFacts(),
          clientVersion: clientVersion(),
        },
        signal,
      );
      const identity: AgentIdentity = { ...enrollment, server: api.server, name: options.name, siteCode: options.siteCode, enrolledAt: new Date().toISOString() };
      store.save(identity);
      log(`enrolled ${options.name} with ${api.server} as device ${identity.deviceId}`);
      return identity;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        throw new EnrolmentRefusedError(`enrolment refused (${error.status} ${error.code ?? ''}): ${error.message}`);
      }
      const delay = backoff.next();
      log(`enrolment failed (${(error as Error).message}); retrying in ${Math.round(delay / 1000)} s`);
      await sleep(delay, signal);
    }
  }
}

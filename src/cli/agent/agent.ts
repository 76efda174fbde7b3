import { HeartbeatBody } from '../client/api.types';
import { AgentLog } from './agent-log';
import { AgentOptions } from './agent-options';
import { AgentStateStore } from './agent-state';
import { ConsentStrategy } from './consent';
import { DeviceConnection } from './device-connection';
import { ensureEnrolled } from './enrolment';
import { runHeartbeatLoop } from './heartbeat-loop';
import { clientVersion, ipAddresses, localAdministrators, loggedOnUser, osFacts } from './host-facts';
import { runOfferLoop } from './offer-loop';
import { SessionRunner } from './session-runner';

export interface AgentRun {
  /** Resolves when the agent has stopped (after `signal` aborted and every relay socket closed). */
  done: Promise<void>;
}

/** What the agent reports at each heartbeat; the user is detected each time unless fixed by --user/--unattended. */
export function heartbeatReport(options: AgentOptions): () => HeartbeatBody {
  const { osVersion } = osFacts();
  const version = clientVersion();
  return () => ({
    currentUser: options.user === undefined ? loggedOnUser() : options.user,
    ipAddresses: ipAddresses(),
    localAdministrators: localAdministrators(),
    osVersion,
    clientVersion: version,
  });
}

/** Enrols if needed, then heartbeats and serves offers until `signal` aborts. */
export async function runAgent(options: AgentOptions, log: AgentLog, signal: AbortSignal, consent: ConsentStrategy): Promise<void> {
  const store = new AgentStateStore(options.stateDir);
  const identity = await ensureEnrolled(options, store, log, signal);
  const connection = new DeviceConnection(identity, options, store, log);
  const runner = new SessionRunner({ connection, consent, vncTarget: options.vncTarget, rdpTarget: options.rdpTarget, log });
  const sessions = new Set<Promise<void>>();
  const onOffer = (offer: Parameters<SessionRunner['run']>[0]) => {
    const running = runner.run(offer).finally(() => sessions.delete(running));
    sessions.add(running);
  };
  await Promise.all([
    runHeartbeatLoop(connection, heartbeatReport(options), log, signal, () => log(`agent ready: device ${connection.deviceId}, consent ${options.consent.kind}`)),
    runOfferLoop(connection, onOffer, log, signal),
  ]);
  if (runner.activeSessions > 0) log(`closing ${runner.activeSessions} session(s)`);
  await runner.closeAll();
  await Promise.allSettled([...sessions]);
}

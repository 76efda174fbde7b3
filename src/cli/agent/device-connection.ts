import { AgentApi } from '../client/agent-api';
import { AgentLog } from './agent-log';
import { AgentOptions } from './agent-options';
import { AgentIdentity, AgentStateStore } from './agent-state';
import { enrol } from './enrolment';

/**
 * The agent's current identity and API client. When the server stops
 * accepting the device token (the device was deleted, the token revoked),
 * both loops call `tokenRejected()`; one re-enrolment runs if a key is known.
 */
export class DeviceConnection {
  private current: AgentApi;
  private reEnrolling: Promise<void> | undefined;

  constructor(
    private identity: AgentIdentity,
    private readonly options: AgentOptions,
    private readonly store: AgentStateStore,
    private readonly log: AgentLog,
  ) {
    this.current = new AgentApi(identity.server, identity.deviceToken);
  }

  get api(): AgentApi {
    return this.current;
  }

  get deviceId(): string {
    return this.identity.deviceId;
  }

  /** Resolves once a fresh token is in place, or at once (the caller backs off) when there is no key to enrol with. */
  tokenRejected(signal: AbortSignal): Promise<void> {
    const key = this.options.enrollmentKey;
    if (!key) {
      this.log('the server rejected the device token and no enrolment key is configured; retrying');
      return Promise.resolve();
    }
    this.reEnrolling ??= (async () => {
      try {
        this.log('the server rejected the device token; enrolling again');
        this.identity = await enrol(this.options, key, this.identity.server, this.store, this.log, signal);
        this.current = new AgentApi(this.identity.server, this.identity.deviceToken);
      } finally {
        this.reEnrolling = undefined;
      }
    })();
    return this.reEnrolling;
  }
}

import { join } from 'node:path';
import { readJsonFile, writeSecretJson } from '../client/secure-file';

/** What enrolment leaves behind: enough to come back after a restart without the enrolment key. */
export interface AgentIdentity {
  deviceId: string;
  deviceToken: string;
  server: string;
  name?: string;
  siteCode?: string;
  enrolledAt?: string;
}

/** state-dir/agent.json, readable by this user only (dir 0700, file 0600). */
export class AgentStateStore {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, 'agent.json');
  }

  load(): AgentIdentity | undefined {
    const stored = readJsonFile<Partial<AgentIdentity>>(this.path);
    if (!stored || typeof stored.deviceId !== 'string' || typeof stored.deviceToken !== 'string' || typeof stored.server !== 'string') return undefined;
    return stored as AgentIdentity;
  }

  save(identity: AgentIdentity): void {
    writeSecretJson(this.path, identity);
  }
}

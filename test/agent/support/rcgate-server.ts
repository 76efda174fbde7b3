import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config.loader';
import { RunningServer, startServer } from '../../../src/server';
import { createTestDatabase } from '../../support/test-app';
import { AdminApi } from './admin-api';

/** A real rcgate (API + embedded relay) on 127.0.0.1, on its own database; restartable on the same port and data. */
export interface RcgateServer {
  url: string;
  adminToken: string;
  api: AdminApi;
  stop(): Promise<void>;
  /** Starts it again after stop(), on the same port, database and DATA_DIR. */
  start(): Promise<void>;
}

export async function startRcgate(env: Record<string, string> = {}): Promise<RcgateServer> {
  const adminToken = `rcg_e2e_${randomBytes(24).toString('base64url')}`;
  const base = {
    DATABASE_URL: await createTestDatabase(),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rcgate-agent-e2e-')),
    BOOTSTRAP_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    ...env,
  };
  let running: RunningServer | undefined = await startServer(loadConfig(base));
  const url = running.url;
  const port = new URL(url).port;
  return {
    url,
    adminToken,
    api: new AdminApi(url, adminToken),
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
    start: async () => {
      running = await startServer(loadConfig({ ...base, PORT: port }));
    },
  };
}

export interface FleetSettings {
  enableRemoteControl?: boolean;
  promptUserForPermission?: boolean;
  permittedViewers?: string[];
  accessLevel?: 'noAccess' | 'viewOnly' | 'fullControl';
  manageRemoteDesktop?: boolean;
  allowPermittedViewersRemoteDesktop?: boolean;
}

/** Site S01, an enrolment key for it, and client settings deployed to All Systems. Returns the key. */
export async function prepareFleet(api: AdminApi, remoteTools: FleetSettings = {}): Promise<string> {
  await api.expect(201, 'POST', '/sites', { code: 'S01', name: 'Site 1', type: 'primary' });
  const key = await api.expect<{ key: string }>(201, 'POST', '/enrollment-keys', { name: 'e2e agents', siteCode: 'S01' });
  const settings = await api.expect<{ id: string }>(201, 'POST', '/client-settings', {
    name: 'Remote control for e2e',
    remoteTools: { enableRemoteControl: true, promptUserForPermission: false, permittedViewers: ['admin'], ...remoteTools },
  });
  await api.expect([200, 201], 'PUT', `/client-settings/${settings.id}/deployments/all-systems`);
  return key.key;
}

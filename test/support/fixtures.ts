import { randomUUID } from 'node:crypto';
import { RelayNodesService } from '../../src/sessions/relay-nodes/relay-nodes.service';
import { bearer, TestApp } from './test-app';

/** Small builders for e2e tests: each goes through the public API, as a user would. */
export class Fixtures {
  constructor(private readonly t: TestApp) {}

  async site(code = 'S01', type: 'primary' | 'secondary' | 'central' = 'primary', parentCode?: string): Promise<void> {
    const res = await this.t.http().post('/api/v1/sites').set(bearer(this.t.adminToken)).send({ code, name: `Site ${code}`, type, ...(parentCode ? { parentCode } : {}) });
    if (res.status !== 201 && res.status !== 409) throw new Error(`site: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async enrollmentKey(siteCode = 'S01', extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.t.http().post('/api/v1/enrollment-keys').set(bearer(this.t.adminToken)).send({ name: `key-${randomUUID().slice(0, 8)}`, siteCode, ...extra });
    if (res.status !== 201) throw new Error(`enrollment key: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.key as string;
  }

  /** Enrols a device and sends one heartbeat, so it is online. */
  async agent(name: string, options: { joinType?: 'domain' | 'workgroup'; currentUser?: string | null; localAdministrators?: string[]; siteCode?: string } = {}): Promise<{ deviceId: string; deviceToken: string }> {
    const key = await this.enrollmentKey(options.siteCode ?? 'S01');
    const joinType = options.joinType ?? 'domain';
    const res = await this.t.http().post('/api/v1/agent/enroll').send({ enrollmentKey: key, name, joinType, ...(joinType === 'domain' ? { domain: 'contoso.com' } : { workgroup: 'WORKGROUP' }), osName: 'Windows 11' });
    if (res.status !== 201) throw new Error(`enroll: ${res.status} ${JSON.stringify(res.body)}`);
    const agent = res.body as { deviceId: string; deviceToken: string };
    await this.heartbeat(agent.deviceToken, options.currentUser === undefined ? 'CONTOSO\\bob' : options.currentUser, options.localAdministrators);
    return agent;
  }

  async heartbeat(deviceToken: string, currentUser: string | null, localAdministrators?: string[]) {
    const res = await this.t.http().post('/api/v1/agent/heartbeat').set(bearer(deviceToken)).send({ currentUser, ipAddresses: ['10.0.0.5'], ...(localAdministrators ? { localAdministrators } : {}) });
    if (res.status !== 200) throw new Error(`heartbeat: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Custom client settings deployed to a collection (All Systems by default). */
  async settings(remoteTools: Record<string, unknown> | null, collectionId = 'all-systems', priority?: number): Promise<{ id: string; etag: string }> {
    const created = await this.t.http().post('/api/v1/client-settings').set(bearer(this.t.adminToken)).send({ name: `cs-${randomUUID().slice(0, 8)}`, remoteTools, ...(priority ? { priority } : {}) });
    if (created.status !== 201) throw new Error(`client settings: ${created.status} ${JSON.stringify(created.body)}`);
    const deployed = await this.t.http().put(`/api/v1/client-settings/${created.body.id}/deployments/${collectionId}`).set(bearer(this.t.adminToken));
    if (deployed.status !== 201 && deployed.status !== 200) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
    return { id: created.body.id, etag: created.body.etag };
  }

  async principal(name: string, role: string, scopeCollectionIds: string[] = [], groups: string[] = []): Promise<string> {
    const created = await this.t.http().post('/api/v1/principals').set(bearer(this.t.adminToken)).send({ name, role, scopeCollectionIds, groups });
    if (created.status !== 201) throw new Error(`principal: ${created.status} ${JSON.stringify(created.body)}`);
    const token = await this.t.http().post(`/api/v1/principals/${encodeURIComponent(name)}/tokens`).set(bearer(this.t.adminToken)).send({ name: 'test' });
    return token.body.token as string;
  }

  async collection(name: string, filter?: string): Promise<string> {
    const res = await this.t.http().post('/api/v1/collections').set(bearer(this.t.adminToken)).send({ name });
    if (res.status !== 201) throw new Error(`collection: ${res.status} ${JSON.stringify(res.body)}`);
    if (filter) {
      const rule = await this.t.http().post(`/api/v1/collections/${res.body.id}/rules`).set(bearer(this.t.adminToken)).send({ type: 'query', filter });
      if (rule.status !== 201) throw new Error(`rule: ${rule.status} ${JSON.stringify(rule.body)}`);
    }
    return res.body.id as string;
  }

  /** Registers a relay node so sessions can be placed even where no relay runs in the test. */
  async relayNode(url = 'ws://127.0.0.1:9/relay/v1/connect'): Promise<string> {
    const id = randomUUID();
    await this.t.app.get(RelayNodesService).register(id, url);
    return id;
  }
}

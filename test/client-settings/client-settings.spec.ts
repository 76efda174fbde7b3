import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('client settings: the Remote Tools group, priorities, deployments, resultant settings', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Record<string, string>;
  let deviceId: string;

  const resultant = async (id = deviceId) => (await t.http().get(`/api/v1/devices/${id}/resultant-settings`).set(admin)).body;
  const create = (body: Record<string, unknown>) => t.http().post('/api/v1/client-settings').set(admin).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = bearer(t.adminToken);
    await f.site('S01');
    deviceId = (await f.agent('PC-0001', { joinType: 'workgroup' })).deviceId;
  });
  afterAll(() => t.close());

  it('starts with the Default Client Settings at priority 10000, every setting at its domain.md default', async () => {
    const res = await t.http().get('/api/v1/client-settings/default').set(admin);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(res.body.etag);
    expect(res.body).toMatchObject({ id: 'default', priority: 10000, isDefault: true });
    expect(res.body.remoteTools).toEqual({
      enableRemoteControl: false, firewallExceptionProfiles: [], usersCanChangeSettings: false, allowUnattendedComputer: true,
      promptUserForPermission: true, promptUserForClipboardPermission: true, grantPermissionToLocalAdministrators: true,
      accessLevel: 'fullControl', permittedViewers: [], showNotificationIcon: true, showConnectionBar: true, playSound: 'beginningAndEnd',
      manageUnsolicitedRemoteAssistance: false, manageSolicitedRemoteAssistance: false, remoteAssistanceAccessLevel: 'none',
      manageRemoteDesktop: false, allowPermittedViewersRemoteDesktop: false, requireNetworkLevelAuthentication: true,
    });
    expect(await resultant()).toMatchObject({ sourceClientSettingsId: 'default', remoteTools: { enableRemoteControl: false } });
  });

  it('refuses to delete, deploy or re-prioritise the default (409), but lets it be edited', async () => {
    const current = await t.http().get('/api/v1/client-settings/default').set(admin);
    expect((await t.http().delete('/api/v1/client-settings/default').set(admin)).status).toBe(409);
    expect((await t.http().put('/api/v1/client-settings/default/deployments/all-systems').set(admin)).status).toBe(409);
    expect((await t.http().post('/api/v1/client-settings/default/priority').set(admin).send({ priority: 1 })).status).toBe(409);
    const edited = await t.http().patch('/api/v1/client-settings/default').set(admin).set('If-Match', current.body.etag).send({ remoteTools: { playSound: 'never' } });
    expect(edited.status).toBe(200);
    expect(edited.body.remoteTools).toMatchObject({ playSound: 'never', enableRemoteControl: false });
  });

  it('applies the highest-priority deployed object that configures the group; undeployed and null objects are skipped', async () => {
    const low = await f.settings({ enableRemoteControl: true, accessLevel: 'viewOnly' }, 'all-systems', 10);
    expect(await resultant()).toMatchObject({ sourceClientSettingsId: low.id, remoteTools: { enableRemoteControl: true, accessLevel: 'viewOnly', promptUserForPermission: true } });

    const notConfiguring = await f.settings(null, 'all-systems', 1);
    expect((await resultant()).sourceClientSettingsId).toBe(low.id);

    const undeployed = await create({ name: 'Not deployed', priority: 2, remoteTools: { enableRemoteControl: false } });
    expect(undeployed.status).toBe(201);
    expect((await resultant()).sourceClientSettingsId).toBe(low.id);

    const high = await f.settings({ enableRemoteControl: true, accessLevel: 'fullControl' }, 'all-systems', 3);
    expect(await resultant()).toMatchObject({ sourceClientSettingsId: high.id, remoteTools: { accessLevel: 'fullControl' } });

    // Moving the lower one above flips the result, and shifts the others by one.
    const moved = await t.http().post(`/api/v1/client-settings/${low.id}/priority`).set(admin).send({ priority: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body.priority).toBe(1);
    const list = (await t.http().get('/api/v1/client-settings').set(admin)).body.value as { id: string; priority: number }[];
    expect(list.map((s) => s.id)).toEqual([low.id, notConfiguring.id, undeployed.body.id, high.id, 'default']);
    expect(list.map((s) => s.priority)).toEqual([1, 2, 3, 4, 10000]);
    expect((await resultant()).sourceClientSettingsId).toBe(low.id);

    // Undeploying falls back to the next one; removing both falls back to the default.
    expect((await t.http().delete(`/api/v1/client-settings/${low.id}/deployments/all-systems`).set(admin)).status).toBe(204);
    expect((await resultant()).sourceClientSettingsId).toBe(high.id);
    expect((await t.http().delete(`/api/v1/client-settings/${high.id}/deployments/all-systems`).set(admin)).status).toBe(204);
    expect((await resultant()).sourceClientSettingsId).toBe('default');
  });

  it('follows membership: a device entering a collection with deployed settings gets them at once', async () => {
    const collectionId = await f.collection('Workgroup laptops', "joinType eq 'workgroup'");
    const settings = await f.settings({ enableRemoteControl: true, permittedViewers: ['CONTOSO\\Helpdesk'] }, collectionId, 5);
    expect((await resultant()).sourceClientSettingsId).toBe(settings.id);
    const domainDevice = (await f.agent('PC-0002', { joinType: 'domain' })).deviceId;
    expect((await resultant(domainDevice)).sourceClientSettingsId).not.toBe(settings.id);
    const device = await t.http().get(`/api/v1/devices/${domainDevice}`).set(admin);
    const changed = await t.http().patch(`/api/v1/devices/${domainDevice}`).set(admin).set('If-Match', device.body.etag).send({ joinType: 'workgroup', workgroup: 'WORKGROUP' });
    expect(changed.status).toBe(200);
    expect((await resultant(domainDevice)).sourceClientSettingsId).toBe(settings.id);
    const listed = await t.http().get(`/api/v1/collections/${collectionId}/client-settings`).set(admin);
    expect(listed.body.value.map((s: { id: string }) => s.id)).toEqual([settings.id]);
    const refused = await t.http().delete(`/api/v1/collections/${collectionId}`).set(admin);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('clientSettingsDeployments');
  });

  it('requires If-Match on PATCH (428), refuses a stale one (412), and changes only the settings sent', async () => {
    const created = (await create({ name: 'Concurrency', remoteTools: { enableRemoteControl: true } })).body;
    const path = `/api/v1/client-settings/${created.id}`;
    expect((await t.http().patch(path).set(admin).send({ description: 'x' })).status).toBe(428);
    const first = await t.http().patch(path).set(admin).set('If-Match', created.etag).send({ remoteTools: { accessLevel: 'viewOnly' } });
    expect(first.status).toBe(200);
    expect(first.body.remoteTools).toMatchObject({ enableRemoteControl: true, accessLevel: 'viewOnly', playSound: 'beginningAndEnd' });
    const stale = await t.http().patch(path).set(admin).set('If-Match', created.etag).send({ remoteTools: { accessLevel: 'noAccess' } });
    expect(stale.status).toBe(412);
    expect((await t.http().get(path).set(admin)).body.remoteTools.accessLevel).toBe('viewOnly');
  });

  it('validates: duplicate priority 409, unknown setting 400 naming it, bad enum, duplicate firewall profile, bad viewer name', async () => {
    await create({ name: 'Prio 50', priority: 50, remoteTools: null });
    expect((await create({ name: 'Prio 50 again', priority: 50, remoteTools: null })).status).toBe(409);
    const unknown = await create({ name: 'Unknown', remoteTools: { enableRemoteKontrol: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toContain('remoteTools.enableRemoteKontrol');
    expect((await create({ name: 'Bad enum', remoteTools: { accessLevel: 'everything' } })).status).toBe(400);
    expect((await create({ name: 'Dup profile', remoteTools: { firewallExceptionProfiles: ['domain', 'domain'] } })).status).toBe(400);
    expect((await create({ name: 'Bad viewer', remoteTools: { permittedViewers: ['bad\\name\\with\\slashes'] } })).status).toBe(400);
    expect((await create({ name: 'Prio 0', priority: 0, remoteTools: null })).status).toBe(400);
  });

  it('gives new objects the next free priority after the highest custom one', async () => {
    const list = (await t.http().get('/api/v1/client-settings').set(admin)).body.value as { priority: number; id: string }[];
    const highest = Math.max(...list.filter((s) => s.id !== 'default').map((s) => s.priority));
    expect((await create({ name: 'Next', remoteTools: null })).body.priority).toBe(highest + 1);
  });

  it('audits changes with the changed settings before and after, and deployments', async () => {
    const created = (await create({ name: 'Audited', remoteTools: { enableRemoteControl: false } })).body;
    await t.http().patch(`/api/v1/client-settings/${created.id}`).set(admin).set('If-Match', created.etag).send({ remoteTools: { enableRemoteControl: true } });
    await t.http().put(`/api/v1/client-settings/${created.id}/deployments/all-systems`).set(admin);
    await t.http().delete(`/api/v1/client-settings/${created.id}/deployments/all-systems`).set(admin);
    const records = (await t.http().get('/api/v1/audit-records?top=20').set(admin)).body.value as { type: string; details: Record<string, unknown> }[];
    const updated = records.find((r) => r.type === 'clientSettingsChanged' && r.details.action === 'updated' && r.details.id === created.id);
    expect(updated?.details).toMatchObject({ before: { 'remoteTools.enableRemoteControl': false }, after: { 'remoteTools.enableRemoteControl': true } });
    expect(Object.keys((updated?.details.after ?? {}) as object)).toEqual(['remoteTools.enableRemoteControl']);
    expect(records.some((r) => r.type === 'clientSettingsDeployed' && r.details.clientSettingsId === created.id)).toBe(true);
    expect(records.some((r) => r.type === 'clientSettingsUndeployed' && r.details.clientSettingsId === created.id)).toBe(true);
    expect((await t.http().get('/api/v1/audit-records/verify').set(admin)).body.valid).toBe(true);
  });

  it('PUT deployment is idempotent: 201 then 200, one deployment', async () => {
    const created = (await create({ name: 'Idempotent deploy', remoteTools: null })).body;
    expect((await t.http().put(`/api/v1/client-settings/${created.id}/deployments/all-systems`).set(admin)).status).toBe(201);
    expect((await t.http().put(`/api/v1/client-settings/${created.id}/deployments/all-systems`).set(admin)).status).toBe(200);
    expect((await t.http().get(`/api/v1/client-settings/${created.id}/deployments`).set(admin)).body.value).toHaveLength(1);
    expect((await t.http().put(`/api/v1/client-settings/${created.id}/deployments/no-such-collection`).set(admin)).status).toBe(404);
  });

  it('serves the same over GraphQL: Device.resultantSettings, clientSettings, and mutations with userErrors', async () => {
    const gql = (query: string, variables?: Record<string, unknown>) => t.http().post('/graphql').set(admin).send({ query, variables });
    const devices = await gql('{ devices(first: 10) { nodes { name resultantSettings { sourceClientSettingsId remoteTools { enableRemoteControl accessLevel } } } } }');
    expect(devices.body.errors).toBeUndefined();
    expect(devices.body.data.devices.nodes[0].resultantSettings.sourceClientSettingsId).toBeTruthy();
    const created = await gql('mutation($i: CreateClientSettingsInput!) { createClientSettings(input: $i) { clientSettings { clientSettingsId priority etag remoteTools { accessLevel } } userErrors { field code message } } }', { i: { name: 'From GraphQL', remoteTools: { accessLevel: 'VIEW_ONLY' } } });
    expect(created.body.errors).toBeUndefined();
    const cs = created.body.data.createClientSettings.clientSettings;
    expect(cs.remoteTools.accessLevel).toBe('VIEW_ONLY');
    const stale = await gql('mutation($i: UpdateClientSettingsInput!) { updateClientSettings(input: $i) { clientSettings { name } userErrors { code } } }', { i: { id: cs.clientSettingsId, etag: '"stale"', name: 'x' } });
    expect(stale.body.data.updateClientSettings.userErrors[0].code).toBe('preconditionFailed');
    const dup = await gql('mutation($i: SetClientSettingsPriorityInput!) { setClientSettingsPriority(input: $i) { userErrors { code } } }', { i: { id: 'default', priority: 1 } });
    expect(dup.body.data.setClientSettingsPriority.userErrors[0].code).toBe('defaultClientSettings');
    const list = await gql('{ clientSettings(first: 100) { totalCount nodes { clientSettingsId deployments { collectionId } } } }');
    expect(list.body.data.clientSettings.totalCount).toBeGreaterThan(3);
  });

  it('resolves resultantSettings for 100 devices in one round of SQL batches (at most 5 statements)', async () => {
    const devices = Array.from({ length: 100 }, (_, i) => ({ name: `BULK-${String(i).padStart(3, '0')}`, siteCode: 'S01', joinType: 'workgroup', workgroup: 'WORKGROUP' }));
    expect((await t.http().post('/api/v1/devices/import').set(admin).send(devices)).status).toBeLessThan(300);
    const statements: string[] = [];
    const spy = jest.spyOn(t.dataSource.logger, 'logQuery').mockImplementation((query: string) => {
      statements.push(query);
    });
    try {
      const res = await t.http().post('/graphql').set(admin).send({ query: '{ devices(first: 100) { nodes { name resultantSettings { sourceClientSettingsId remoteTools { enableRemoteControl permittedViewers } } } } }' });
      expect(res.body.errors).toBeUndefined();
      const nodes = res.body.data.devices.nodes as { resultantSettings: { sourceClientSettingsId: string } | null }[];
      expect(nodes).toHaveLength(100);
      expect(nodes.every((n) => n.resultantSettings?.sourceClientSettingsId)).toBe(true);
    } finally {
      spy.mockRestore();
    }
    const resolving = statements.filter((sql) => !/\bapi_tokens\b/.test(sql));
    expect(resolving.length).toBeGreaterThan(0);
    expect(resolving.length).toBeLessThanOrEqual(5);
  });
});

import { startTestApp, TestApp } from '../support/test-app';
import { InventoryClient } from './inventory-client';

describe('collections: rules and membership', () => {
  let t: TestApp;
  let admin: InventoryClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = new InventoryClient(t, t.adminToken);
    await admin.site('PS1', 'primary');
    await admin.site('S01', 'secondary', 'PS1');
    for (const name of ['FIN-01', 'FIN-02', 'FIN-03', 'HR-01', 'HR-02']) ids[name] = await admin.device(name, 'PS1', { joinType: 'domain' });
    for (const name of ['LAB-01', 'LAB-02']) ids[name] = await admin.device(name, 'S01');
  });
  afterAll(() => t?.close());

  it('has the built-in All Systems with every device, read-only', async () => {
    const all = await admin.get('/collections/all-systems');
    expect(all.body).toMatchObject({ id: 'all-systems', name: 'All Systems', builtIn: true, limitingCollectionId: null, memberCount: 7 });
    expect(await admin.memberNames('all-systems')).toHaveLength(7);
    for (const res of [
      await admin.patch('/collections/all-systems', { name: 'Everything' }),
      await admin.delete('/collections/all-systems'),
      await admin.post('/collections/all-systems/rules', { type: 'query', filter: "name eq 'x'" }),
      await admin.put(`/collections/all-systems/members/${ids['FIN-01']}`),
    ]) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'builtIn' });
    }
  });

  it('evaluates (direct ∪ query ∪ include) − exclude, within the limiting collection', async () => {
    const finance = await admin.collection('Finance');
    await admin.rule(finance, { type: 'query', name: 'finance names', filter: "startswith(name,'FIN-')" });
    expect(await admin.memberNames(finance)).toEqual(['FIN-01', 'FIN-02', 'FIN-03']);

    const hr = await admin.collection('HR');
    await admin.rule(hr, { type: 'direct', deviceId: ids['HR-01'] });
    await admin.rule(hr, { type: 'direct', deviceId: ids['HR-02'] });

    const office = await admin.collection('Office');
    await admin.rule(office, { type: 'include', collectionId: finance });
    await admin.rule(office, { type: 'include', collectionId: hr });
    await admin.rule(office, { type: 'direct', deviceId: ids['LAB-01'] });
    expect(await admin.memberNames(office)).toEqual(['FIN-01', 'FIN-02', 'FIN-03', 'HR-01', 'HR-02', 'LAB-01']);

    const quarantine = await admin.collection('Quarantine');
    await admin.rule(quarantine, { type: 'direct', deviceId: ids['FIN-02'] });
    await admin.rule(quarantine, { type: 'direct', deviceId: ids['HR-02'] });
    await admin.rule(office, { type: 'exclude', collectionId: quarantine });
    expect(await admin.memberNames(office)).toEqual(['FIN-01', 'FIN-03', 'HR-01', 'LAB-01']);

    // Exclude wins over a direct rule for the same device.
    await admin.rule(office, { type: 'direct', deviceId: ids['FIN-02'] });
    expect(await admin.memberNames(office)).toEqual(['FIN-01', 'FIN-03', 'HR-01', 'LAB-01']);

    // Limited to Finance: only Finance's members can be members.
    const limited = await admin.collection('Office within Finance', { limitingCollectionId: finance });
    await admin.rule(limited, { type: 'include', collectionId: office });
    expect(await admin.memberNames(limited)).toEqual(['FIN-01', 'FIN-03']);
    const res = await admin.get(`/collections/${limited}`);
    expect(res.body).toMatchObject({ memberCount: 2, limitingCollectionId: finance, lastEvaluatedAt: expect.stringMatching(/Z$/) });
    Object.assign(ids, { finance, hr, office, quarantine, limited });
  });

  it('counts a device in two included collections once', async () => {
    const overlap = await admin.collection('Finance and Office');
    await admin.rule(overlap, { type: 'include', collectionId: ids.finance });
    await admin.rule(overlap, { type: 'include', collectionId: ids.office });
    // Finance holds FIN-01..03, Office FIN-01, FIN-03, HR-01, LAB-01: five distinct devices.
    expect(await admin.memberNames(overlap)).toEqual(['FIN-01', 'FIN-02', 'FIN-03', 'HR-01', 'LAB-01']);
    expect((await admin.get(`/collections/${overlap}`)).body.memberCount).toBe(5);
    expect((await admin.post(`/collections/${overlap}/evaluate`, {})).status).toBeLessThan(300);
    expect((await admin.get(`/collections/${overlap}`)).body.memberCount).toBe(5);
    expect((await admin.delete(`/collections/${overlap}`)).status).toBe(204);
  });

  it('re-evaluates dependants when a referenced collection changes', async () => {
    const ruleId = (await admin.get(`/collections/${ids.quarantine}/rules`)).body.value.find((r: { deviceId: string }) => r.deviceId === ids['FIN-02']).id;
    expect((await admin.delete(`/collections/${ids.quarantine}/rules/${ruleId}`)).status).toBe(204);
    expect(await admin.memberNames(ids.office)).toEqual(['FIN-01', 'FIN-02', 'FIN-03', 'HR-01', 'LAB-01']);
    expect(await admin.memberNames(ids.limited)).toEqual(['FIN-01', 'FIN-02', 'FIN-03']);
  });

  it('refuses a rule or limiting collection that closes a loop, naming the path', async () => {
    const loop = await admin.post(`/collections/${ids.finance}/rules`, { type: 'include', collectionId: ids.limited });
    expect(loop.status).toBe(409);
    expect(loop.body.code).toBe('cycle');
    expect(loop.body.detail).toContain('Finance → Office within Finance → Finance');
    expect(loop.body.path).toEqual([ids.finance, ids.limited, ids.finance]);
    const self = await admin.post(`/collections/${ids.hr}/rules`, { type: 'exclude', collectionId: ids.hr });
    expect(self.body.detail).toContain('HR → HR');
    const viaLimiting = await admin.patch(`/collections/${ids.hr}`, { limitingCollectionId: ids.office });
    expect({ status: viaLimiting.status, code: viaLimiting.body.code }).toEqual({ status: 409, code: 'cycle' });
    expect(viaLimiting.body.detail).toContain('HR → Office → HR');
  });

  it('checks rules: shape, filter grammar, unknown references', async () => {
    const bad: [Record<string, unknown>, number, string][] = [
      [{ type: 'query', filter: "name eq 'x' and" }, 400, 'invalidFilter'],
      [{ type: 'query', filter: "colour eq 'red'" }, 400, 'unknownField'],
      [{ type: 'query', filter: 'online eq true' }, 400, 'unsupportedField'],
      [{ type: 'direct', deviceId: ids['FIN-01'], filter: "name eq 'x'" }, 400, 'validationFailed'],
      [{ type: 'include', collectionId: 'no-such-collection' }, 400, 'validationFailed'],
      [{ type: 'direct', deviceId: '00000000-0000-4000-8000-000000000000' }, 404, 'notFound'],
      [{ type: 'include', collectionId: ids.finance }, 409, 'conflict'],
    ];
    for (const [body, status, code] of bad) {
      const res = await admin.post(`/collections/${ids.office}/rules`, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
  });

  it('adds and removes members by direct rule, idempotently', async () => {
    const empty = await admin.collection('Helpdesk');
    const first = await admin.put(`/collections/${empty}/members/${ids['LAB-02']}`);
    expect(first.status).toBe(201);
    const again = await admin.put(`/collections/${empty}/members/${ids['LAB-02']}`);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await admin.memberNames(empty)).toEqual(['LAB-02']);
    expect((await admin.delete(`/collections/${empty}/members/${ids['LAB-02']}`)).status).toBe(204);
    expect((await admin.delete(`/collections/${empty}/members/${ids['LAB-02']}`)).status).toBe(204);
    expect(await admin.memberNames(empty)).toEqual([]);
    expect((await admin.get(`/collections/${empty}`)).body.memberCount).toBe(0);
  });

  it('lists the collections of a device and filters members like /devices', async () => {
    const res = await admin.get(`/devices/${ids['FIN-01']}/collections`);
    expect((res.body.value as { name: string }[]).map((c) => c.name)).toEqual(['All Systems', 'Finance', 'Office', 'Office within Finance']);
    const members = await admin.get(`/collections/${ids.office}/members?filter=${encodeURIComponent("joinType eq 'workgroup'")}&select=name`);
    expect(members.body.value).toEqual([{ id: ids['LAB-01'], name: 'LAB-01' }]);
    expect((await admin.get(`/collections/${ids.office}/members?filter=bogus`)).status).toBe(400);
  });

  it('refuses to delete a referenced collection, naming who refers to it', async () => {
    await admin.principal('CONTOSO\\auditor', 'readOnlyAnalyst', [ids.hr]);
    const res = await admin.delete(`/collections/${ids.hr}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('collectionInUse');
    expect(res.body.usedBy).toEqual([
      { kind: 'collections', total: 1, names: ['Office'] },
      { kind: 'principals', total: 1, names: ['CONTOSO\\auditor'] },
    ]);
    const limiting = await admin.delete(`/collections/${ids.finance}`);
    expect(limiting.body.usedBy[0]).toEqual({ kind: 'collections', total: 2, names: ['Office', 'Office within Finance'] });
  });

  it('deletes an unreferenced collection with If-Match, and audits changes with before and after', async () => {
    const id = await admin.collection('Short-lived');
    const renamed = await admin.patch(`/collections/${id}`, { name: 'Renamed', description: 'x' });
    expect(renamed.status).toBe(200);
    expect((await admin.delete(`/collections/${id}`, { 'If-Match': '"old"' })).status).toBe(412);
    expect((await admin.delete(`/collections/${id}`, { 'If-Match': renamed.body.etag })).status).toBe(204);
    const audit = await admin.get(`/audit-records?filter=${encodeURIComponent("type eq 'collectionChanged'")}&top=1000`);
    const updated = (audit.body.value as { details: Record<string, unknown> }[]).find((r) => r.details.action === 'updated' && r.details.id === id);
    expect(updated?.details).toMatchObject({ before: { name: 'Short-lived', description: null }, after: { name: 'Renamed', description: 'x' } });
  });

  it('refuses duplicate names, and refuses unknown collections in principal scopes', async () => {
    expect((await admin.post('/collections', { name: 'finance' })).status).toBe(409);
    const res = await admin.post('/principals', { name: 'scoped-typo', role: 'readOnlyAnalyst', scopeCollectionIds: ['no-such'] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'scopeCollectionIds', code: 'unknownCollection' });
  });
});

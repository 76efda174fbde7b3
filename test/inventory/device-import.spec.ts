import { bearer, startTestApp, TestApp } from '../support/test-app';
import { InventoryClient } from './inventory-client';
import { expectMembershipConsistent } from './membership-check';

const line = (name: string, extra: Record<string, unknown> = {}) => ({ name, siteCode: 'PS1', joinType: 'workgroup', workgroup: 'WG', ...extra });

describe('device import', () => {
  let t: TestApp;
  let admin: InventoryClient;
  let imported: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new InventoryClient(t, t.adminToken);
    await admin.site('PS1', 'primary');
    await admin.device('EXISTING', 'PS1');
    imported = await admin.collection('Imported');
    await admin.rule(imported, { type: 'query', filter: "startswith(name,'IMP-')" });
  });
  afterAll(() => t?.close());

  const count = async () => ((await t.dataSource.query('SELECT count(*)::int AS n FROM devices')) as { n: number }[])[0].n;

  it('creates a JSON array of devices and updates membership', async () => {
    const res = await admin.post('/devices/import', [line('IMP-1'), line('IMP-2', { joinType: 'domain', domain: 'corp.example', workgroup: undefined })]);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ created: 2, value: [{ id: expect.any(String), name: 'IMP-1', siteCode: 'PS1' }, { id: expect.any(String), name: 'IMP-2', siteCode: 'PS1' }] });
    expect(await admin.memberNames(imported)).toEqual(['IMP-1', 'IMP-2']);
    await expectMembershipConsistent(t);
  });

  it('creates NDJSON, skipping blank lines', async () => {
    const body = `${JSON.stringify(line('IMP-3'))}\n\n${JSON.stringify(line('IMP-4'))}\n`;
    const res = await t.http().post('/api/v1/devices/import').set(bearer(t.adminToken)).set('Content-Type', 'application/x-ndjson').send(body);
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(2);
  });

  it('changes nothing when one line is bad, and reports every fault by line', async () => {
    const before = await count();
    const body = [
      JSON.stringify(line('IMP-5')),
      '{not json',
      JSON.stringify(line('IMP-6', { ipAddresses: ['300.1.1.1'] })),
      JSON.stringify(line('existing')),
      JSON.stringify(line('IMP-5')),
      JSON.stringify(line('IMP-7', { siteCode: 'ZZZ' })),
      JSON.stringify(line('IMP-8', { joinType: 'domain', workgroup: undefined })),
    ].join('\n');
    const res = await t.http().post('/api/v1/devices/import').set(bearer(t.adminToken)).set('Content-Type', 'application/x-ndjson').send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validationFailed');
    expect(res.body.errors).toEqual([
      { line: 2, field: '', code: 'malformedJson', message: expect.any(String) },
      { line: 3, field: 'ipAddresses', code: expect.any(String), message: expect.any(String) },
      { line: 4, field: 'name', code: 'conflict', message: expect.any(String) },
      { line: 5, field: 'name', code: 'duplicate', message: expect.stringContaining('line 1') },
      { line: 6, field: 'siteCode', code: 'invalidSite', message: expect.any(String) },
      { line: 7, field: 'domain', code: 'required', message: expect.any(String) },
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses more than 10,000 devices and bodies that are not lists', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => line(`X${i}`));
    const res = await admin.post('/devices/import', many);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'tooManyDevices' });
    expect((await admin.post('/devices/import', { name: 'X' })).status).toBe(400);
  });

  it('imports 10,000 devices in one request', async () => {
    const devices = Array.from({ length: 10_000 }, (_, i) => line(`IMP-B${i}`));
    const res = await admin.post('/devices/import', devices);
    expect(res.status).toBe(201);
    expect((await admin.get(`/collections/${imported}`)).body.memberCount).toBe(10_004);
    await expectMembershipConsistent(t);
  });
});

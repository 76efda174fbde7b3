import { startTestApp, TestApp } from '../support/test-app';
import { InventoryClient } from './inventory-client';

describe('sites: the hierarchy rules', () => {
  let t: TestApp;
  let admin: InventoryClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new InventoryClient(t, t.adminToken);
  });
  afterAll(() => t?.close());

  it('makes a primary standalone while there is no central site, and refuses it a parent', async () => {
    const res = await admin.post('/sites', { code: 'PS1', name: 'Paris', type: 'primary' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 'PS1', code: 'PS1', type: 'primary', parentCode: null, nodeId: expect.any(String) });
    expect(res.headers.etag).toBe(res.body.etag);
    expect(res.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const bad = await admin.post('/sites', { code: 'PS9', name: 'X', type: 'primary', parentCode: 'PS1' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'parentCode', code: 'invalidParent' });
  });

  it('adopts standalone primaries when a central site arrives, and allows only one central site', async () => {
    const cas = await admin.post('/sites', { code: 'CAS', name: 'Central', type: 'central' });
    expect(cas.status).toBe(201);
    expect((await admin.get('/sites/PS1')).body.parentCode).toBe('CAS');
    const second = await admin.post('/sites', { code: 'CA2', name: 'Another', type: 'central' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('centralSiteExists');
  });

  it('puts new primaries under the central site and refuses any other parent', async () => {
    const ps2 = await admin.post('/sites', { code: 'PS2', name: 'Lyon', type: 'primary' });
    expect(ps2.body.parentCode).toBe('CAS');
    const wrong = await admin.post('/sites', { code: 'PS3', name: 'X', type: 'primary', parentCode: 'PS1' });
    expect(wrong.status).toBe(400);
  });

  it('needs a primary parent for a secondary site', async () => {
    expect((await admin.post('/sites', { code: 'S01', name: 'Branch', type: 'secondary', parentCode: 'PS1' })).status).toBe(201);
    for (const parentCode of [undefined, 'CAS', 'S01', 'ZZZ']) {
      const res = await admin.post('/sites', { code: 'S02', name: 'X', type: 'secondary', ...(parentCode ? { parentCode } : {}) });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('parentCode');
    }
  });

  it('refuses malformed and duplicate codes', async () => {
    for (const code of ['ps1', 'P1', 'PS1X', 'P-1']) {
      const res = await admin.post('/sites', { code, name: 'X', type: 'primary' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('code');
    }
    expect((await admin.post('/sites', { code: 'PS1', name: 'Again', type: 'primary' })).status).toBe(409);
  });

  it('moves a secondary to another primary, honouring If-Match', async () => {
    const current = await admin.get('/sites/S01');
    expect((await admin.patch('/sites/S01', { parentCode: 'PS2' }, { 'If-Match': '"stale"' })).status).toBe(412);
    const moved = await admin.patch('/sites/S01', { parentCode: 'PS2', name: 'Branch office' }, { 'If-Match': current.headers.etag });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentCode: 'PS2', name: 'Branch office' });
    expect(moved.body.etag).not.toBe(current.body.etag);
    expect((await admin.patch('/sites/PS1', { parentCode: null })).status).toBe(400);
  });

  it('refuses to delete a site with child sites or devices, naming them', async () => {
    const parent = await admin.delete('/sites/PS2');
    expect(parent.status).toBe(409);
    expect(parent.body.code).toBe('siteInUse');
    expect(parent.body.detail).toContain('S01');
    await admin.device('PC-1', 'PS1');
    await admin.device('PC-2', 'PS1');
    const withDevices = await admin.delete('/sites/PS1');
    expect(withDevices.status).toBe(409);
    expect(withDevices.body.usedBy).toEqual([{ kind: 'devices', total: 2, names: ['PC-1', 'PC-2'] }]);
    expect(withDevices.body.detail).toContain('PC-1');
  });

  it('deletes an unused site and audits every change with its action', async () => {
    await admin.site('S09', 'secondary', 'PS2');
    expect((await admin.delete('/sites/S09')).status).toBe(204);
    expect((await admin.get('/sites/S09')).status).toBe(404);
    const audit = await admin.get(`/audit-records?filter=${encodeURIComponent("type eq 'siteChanged'")}&top=100`);
    const actions = (audit.body.value as { details: { action: string; code: string } }[]).map((r) => `${r.details.action}:${r.details.code}`);
    expect(actions).toEqual(expect.arrayContaining(['created:S09', 'deleted:S09', 'updated:S01', 'updated:PS1']));
  });

  it('lists, filters and selects sites', async () => {
    const res = await admin.get(`/sites?filter=${encodeURIComponent("type eq 'primary'")}&select=name`);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([{ id: 'PS1', name: 'Paris' }, { id: 'PS2', name: 'Lyon' }]);
  });
});

import { startTestApp, TestApp } from '../support/test-app';
import { InventoryClient } from './inventory-client';

const q = (filter: string) => `/devices?filter=${encodeURIComponent(filter)}`;

describe('devices', () => {
  let t: TestApp;
  let admin: InventoryClient;
  let pc1: string;

  beforeAll(async () => {
    t = await startTestApp({ AGENT_OFFLINE_AFTER_SECONDS: '90' });
    admin = new InventoryClient(t, t.adminToken);
    await admin.site('CAS', 'central');
    await admin.site('PS1', 'primary');
    await admin.site('S01', 'secondary', 'PS1');
    pc1 = await admin.device('PC-0001', 'PS1', { joinType: 'domain', domain: 'contoso.com', currentUser: 'CONTOSO\\alice', ipAddresses: ['10.0.0.1', 'fe80::1'], osName: 'Windows 11', clientActive: true });
    await admin.device('PC-0002', 'PS1', { osName: 'Windows 10' });
    await admin.device('LAB-01', 'S01', { localAdministrators: ['LAB\\Admins'] });
    await t.dataSource.query(`UPDATE devices SET last_seen_at = now() WHERE id = $1`, [pc1]);
  });
  afterAll(() => t?.close());

  it('returns every field of the domain model, with a strong ETag', async () => {
    const res = await admin.get(`/devices/${pc1}`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(res.body.etag);
    expect(res.body).toEqual({
      id: pc1, nodeId: expect.any(String), name: 'PC-0001', siteCode: 'PS1', joinType: 'domain', domain: 'contoso.com', workgroup: null,
      osName: 'Windows 11', osVersion: null, clientVersion: null, clientActive: true, currentUser: 'CONTOSO\\alice', localAdministrators: [],
      ipAddresses: ['10.0.0.1', 'fe80::1'], lastSeenAt: expect.stringMatching(/\.\d{3}Z$/), online: true,
      createdAt: expect.stringMatching(/\.\d{3}Z$/), updatedAt: expect.any(String), etag: expect.any(String),
    });
  });

  it('checks names, join rules, addresses and the site', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'TOO-LONG-NAME-123', siteCode: 'PS1', joinType: 'workgroup' }, 'name'],
      [{ name: '-PC', siteCode: 'PS1', joinType: 'workgroup' }, 'name'],
      [{ name: 'PC-X', siteCode: 'PS1', joinType: 'domain' }, 'domain'],
      [{ name: 'PC-X', siteCode: 'PS1', joinType: 'workgroup', domain: 'contoso.com' }, 'domain'],
      [{ name: 'PC-X', siteCode: 'PS1', joinType: 'workgroup', ipAddresses: ['10.0.0.300'] }, 'ipAddresses'],
      [{ name: 'PC-X', siteCode: 'CAS', joinType: 'workgroup' }, 'siteCode'],
      [{ name: 'PC-X', siteCode: 'ZZZ', joinType: 'workgroup' }, 'siteCode'],
      [{ name: 'PC-X', siteCode: 'PS1', joinType: 'cloud' }, 'joinType'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/devices', body);
      expect({ status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ status: 400, field });
    }
  });

  it('keeps names unique per site regardless of case', async () => {
    const clash = await admin.post('/devices', { name: 'pc-0001', siteCode: 'PS1', joinType: 'workgroup' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('conflict');
    expect((await admin.post('/devices', { name: 'pc-0001', siteCode: 'S01', joinType: 'workgroup' })).status).toBe(201);
  });

  it('filters on every kind of field', async () => {
    const names = async (filter: string) => {
      const res = await admin.get(`${q(filter)}&top=100`);
      expect(res.status).toBe(200);
      return (res.body.value as { name: string }[]).map((d) => d.name);
    };
    // Names sort by code point (the database uses the C collation).
    expect(await names("startswith(name,'pc-')")).toEqual(['PC-0001', 'PC-0002', 'pc-0001']);
    expect(await names("joinType eq 'domain'")).toEqual(['PC-0001']);
    expect(await names('currentUser eq null')).toEqual(['LAB-01', 'PC-0002', 'pc-0001']);
    expect(await names("ipAddresses eq 'FE80::1'")).toEqual(['PC-0001']);
    expect(await names("contains(localAdministrators,'admins')")).toEqual(['LAB-01']);
    expect(await names('online eq true')).toEqual(['PC-0001']);
    expect(await names('online eq false and clientActive eq false')).toEqual(['LAB-01', 'PC-0002', 'pc-0001']);
    expect(await names("siteCode in ('S01') and not (name eq 'LAB-01')")).toEqual(['pc-0001']);
    expect(await names('lastSeenAt gt 2020-01-01T00:00:00Z')).toEqual(['PC-0001']);
    expect(await names(`id eq '${pc1}'`)).toEqual(['PC-0001']);
  });

  it('sorts, selects and pages with nextLink', async () => {
    const first = await admin.get('/devices?orderby=siteCode desc,name&select=name,siteCode&top=2');
    expect(first.body.value).toEqual([{ id: expect.any(String), name: 'LAB-01', siteCode: 'S01' }, { id: expect.any(String), name: 'pc-0001', siteCode: 'S01' }]);
    expect(first.headers.link).toContain('rel="next"');
    const next = await t.http().get(new URL(first.body.nextLink).pathname + new URL(first.body.nextLink).search).set('Authorization', `Bearer ${t.adminToken}`);
    expect((next.body.value as { name: string }[]).map((d) => d.name)).toEqual(['PC-0001', 'PC-0002']);
    expect(next.body.nextLink).toBeUndefined();
  });

  it('refuses bad filters with the position, and unknown fields by name', async () => {
    const syntax = await admin.get(q("name eq 'x' and"));
    expect(syntax.status).toBe(400);
    expect(syntax.body.position).toBe(16);
    const unknown = await admin.get(q("colour eq 'red'"));
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain("'colour'");
    expect((await admin.get('/devices?orderby=colour')).body.detail).toContain("'colour'");
    expect((await admin.get('/devices?select=name,colour')).body.detail).toContain("'colour'");
    expect((await admin.get(q(`${'('.repeat(40)}name eq 'x'${')'.repeat(40)}`))).body.code).toBe('filterTooDeep');
    expect((await admin.get(q(`name eq '${'x'.repeat(4100)}'`))).body.code).toBe('filterTooLong');
    expect((await admin.get(q("online eq 'yes'"))).status).toBe(400);
  });

  it('patches with If-Match, switches join type, and audits before and after', async () => {
    const current = await admin.get(`/devices/${pc1}`);
    expect((await admin.patch(`/devices/${pc1}`, { osVersion: '1' }, { 'If-Match': '"old"' })).status).toBe(412);
    const res = await admin.patch(`/devices/${pc1}`, { joinType: 'workgroup', workgroup: 'LAB', currentUser: null }, { 'If-Match': current.headers.etag });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ joinType: 'workgroup', domain: null, workgroup: 'LAB', currentUser: null });
    const audit = await admin.get(`/audit-records?filter=${encodeURIComponent(`type eq 'deviceChanged' and deviceId eq '${pc1}'`)}&orderby=seq desc&top=1`);
    expect(audit.body.value[0].details).toMatchObject({ action: 'updated', before: { joinType: 'domain', domain: 'contoso.com' }, after: { joinType: 'workgroup', domain: null } });
    expect((await admin.patch(`/devices/${pc1}`, { siteCode: 'CAS' })).status).toBe(400);
  });

  it('deletes with If-Match and audits deviceDeleted', async () => {
    const id = await admin.device('TEMP-1', 'PS1');
    const etag = (await admin.get(`/devices/${id}`)).headers.etag;
    expect((await admin.delete(`/devices/${id}`, { 'If-Match': '"nope"' })).status).toBe(412);
    expect((await admin.delete(`/devices/${id}`, { 'If-Match': etag })).status).toBe(204);
    expect((await admin.get(`/devices/${id}`)).status).toBe(404);
    expect((await admin.get('/devices/not-a-uuid')).status).toBe(404);
    const audit = await admin.get(`/audit-records?filter=${encodeURIComponent(`type eq 'deviceDeleted' and deviceId eq '${id}'`)}`);
    expect(audit.body.value).toHaveLength(1);
  });
});

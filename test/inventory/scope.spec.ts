import { startTestApp, TestApp } from '../support/test-app';
import { InventoryClient } from './inventory-client';

describe('scope: principals see only the members of their scope collections', () => {
  let t: TestApp;
  let admin: InventoryClient;
  let scoped: InventoryClient;
  let unscoped: InventoryClient;
  let paris: string;
  let inside: string;
  let outside: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new InventoryClient(t, t.adminToken);
    await admin.site('PS1', 'primary');
    inside = await admin.device('PAR-01', 'PS1');
    await admin.device('PAR-02', 'PS1');
    outside = await admin.device('LON-01', 'PS1');
    paris = await admin.collection('Paris');
    await admin.rule(paris, { type: 'query', filter: "startswith(name,'PAR-')" });
    scoped = await admin.principal('CONTOSO\\paris-ops', 'infrastructureAdministrator', [paris]);
    unscoped = await admin.principal('CONTOSO\\nobody', 'readOnlyAnalyst', []);
  });
  afterAll(() => t?.close());

  it('answers 404, not 403, for a device out of scope, on every device route', async () => {
    expect((await scoped.get(`/devices/${inside}`)).status).toBe(200);
    for (const res of [
      await scoped.get(`/devices/${outside}`),
      await scoped.patch(`/devices/${outside}`, { osName: 'x' }),
      await scoped.delete(`/devices/${outside}`),
      await scoped.get(`/devices/${outside}/collections`),
    ]) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'notFound' });
    }
    expect((await admin.get(`/devices/${outside}`)).body.osName).toBeNull();
  });

  it('narrows lists, members and member counts to the scope', async () => {
    const list = await scoped.get('/devices');
    expect((list.body.value as { name: string }[]).map((d) => d.name)).toEqual(['PAR-01', 'PAR-02']);
    expect(await scoped.memberNames('all-systems')).toEqual(['PAR-01', 'PAR-02']);
    const all = await scoped.get('/collections/all-systems');
    expect(all.body.memberCount).toBe(2);
    expect((await admin.get('/collections/all-systems')).body.memberCount).toBe(3);
    const listed = await scoped.get('/collections');
    expect((listed.body.value as { id: string; memberCount: number }[]).find((c) => c.id === 'all-systems')?.memberCount).toBe(2);
  });

  it('follows membership: a device that joins the scope collection becomes visible', async () => {
    await admin.patch(`/devices/${outside}`, { name: 'PAR-03' });
    expect((await scoped.get(`/devices/${outside}`)).status).toBe(200);
    await admin.patch(`/devices/${outside}`, { name: 'LON-01' });
    expect((await scoped.get(`/devices/${outside}`)).status).toBe(404);
  });

  it('refuses direct rules naming a device out of scope as not found', async () => {
    const res = await scoped.put(`/collections/${paris}/members/${outside}`);
    expect(res.status).toBe(404);
  });

  it('shows nothing to a non-administrator with an empty scope (secure default)', async () => {
    expect((await unscoped.get('/devices')).body.value).toEqual([]);
    expect((await unscoped.get(`/devices/${inside}`)).status).toBe(404);
    expect((await unscoped.get('/collections/all-systems')).body.memberCount).toBe(0);
    const gql = await unscoped.gql<{ devices: { totalCount: number } }>('{ devices { totalCount } }');
    expect(gql.data?.devices.totalCount).toBe(0);
  });

  it('returns null in GraphQL for out-of-scope devices, and narrows totalCount', async () => {
    const nodeId = (await admin.get(`/devices/${outside}`)).body.nodeId as string;
    const insideNode = (await admin.get(`/devices/${inside}`)).body.nodeId as string;
    const res = await scoped.gql<Record<string, { name: string } | null>>(
      `query($out: ID!, $in: ID!) { a: node(id: $out) { ... on Device { name } } b: device(id: $out) { name } c: node(id: $in) { ... on Device { name } } }`,
      { out: nodeId, in: insideNode },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null, c: { name: 'PAR-01' } });
    const counts = await scoped.gql<{ devices: { totalCount: number }; collection: { memberCount: number; members: { totalCount: number } } }>(
      '{ devices { totalCount } collection(id: "all-systems") { memberCount members { totalCount } } }',
    );
    expect(counts.data).toEqual({ devices: { totalCount: 2 }, collection: { memberCount: 2, members: { totalCount: 2 } } });
  });
});

import { startTestApp, TestApp } from '../support/test-app';
import { InventoryClient } from './inventory-client';

describe('inventory over GraphQL', () => {
  let t: TestApp;
  let admin: InventoryClient;
  let labs: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new InventoryClient(t, t.adminToken);
    await admin.site('CAS', 'central');
    await admin.site('PS1', 'primary');
    await admin.site('S01', 'secondary', 'PS1');
    const devices = Array.from({ length: 100 }, (_, i) => ({
      name: `PC-${String(i).padStart(3, '0')}`, siteCode: i % 2 ? 'PS1' : 'S01',
      ...(i % 3 ? { joinType: 'workgroup', workgroup: 'WG' } : { joinType: 'domain', domain: 'contoso.com' }),
    }));
    expect((await admin.post('/devices/import', devices)).status).toBe(201);
    labs = await admin.collection('Labs');
    await admin.rule(labs, { type: 'query', filter: "siteCode eq 'S01'" });
    const domain = await admin.collection('Domain joined');
    await admin.rule(domain, { type: 'query', filter: "joinType eq 'domain'" });
  });
  afterAll(() => t?.close());

  it('filters with operator objects, sorts, and pages with totalCount', async () => {
    const res = await admin.gql<{ devices: { totalCount: number; nodes: { name: string; joinType: string }[]; pageInfo: { hasNextPage: boolean } } }>(
      `{ devices(first: 3, filter: { name: { startsWith: "pc-0" }, joinType: { eq: WORKGROUP }, not: { siteCode: { eq: "S01" } } }, orderBy: [{ field: NAME, direction: DESC }]) {
          totalCount pageInfo { hasNextPage } nodes { name joinType } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.devices.nodes).toEqual([
      { name: 'PC-097', joinType: 'WORKGROUP' }, { name: 'PC-095', joinType: 'WORKGROUP' }, { name: 'PC-091', joinType: 'WORKGROUP' },
    ]);
    expect(res.data?.devices.totalCount).toBe(33);
    expect(res.data?.devices.pageInfo.hasNextPage).toBe(true);
    const or = await admin.gql<{ devices: { totalCount: number } }>('{ devices(filter: { or: [{ name: { eq: "PC-001" } }, { name: { in: ["PC-002", "PC-003"] } }] }) { totalCount } }');
    expect(or.data?.devices.totalCount).toBe(3);
  });

  it('refuses filters nested deeper than 32 levels', async () => {
    const deep = `${'{ not: '.repeat(33)}{ name: { eq: "x" } }${' }'.repeat(33)}`;
    const res = await admin.gql(`{ devices(filter: ${deep}) { totalCount } }`);
    expect(res.errors?.[0].extensions?.code).toBe('filterTooDeep');
    const ok = `${'{ not: '.repeat(30)}{ name: { eq: "x" } }${' }'.repeat(30)}`;
    expect((await admin.gql(`{ devices(filter: ${ok}) { totalCount } }`)).errors).toBeUndefined();
  });

  it('resolves sites, collections, and the connections between them', async () => {
    const res = await admin.gql<{ site: { code: string; type: string; devices: { totalCount: number } }; collection: { name: string; memberCount: number; rules: { type: string }[]; members: { totalCount: number; nodes: { site: { code: string } }[] }; limitingCollection: { collectionId: string } } }>(
      `query($id: ID!) {
        site(code: "S01") { code type devices(first: 1) { totalCount } }
        collection(id: $id) { name memberCount rules { type } limitingCollection { collectionId } members(first: 2) { totalCount nodes { site { code } } } }
      }`,
      { id: labs },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.site).toEqual({ code: 'S01', type: 'SECONDARY', devices: { totalCount: 50 } });
    expect(res.data?.collection).toEqual({
      name: 'Labs', memberCount: 50, rules: [{ type: 'QUERY' }], limitingCollection: { collectionId: 'all-systems' },
      members: { totalCount: 50, nodes: [{ site: { code: 'S01' } }, { site: { code: 'S01' } }] },
    });
    const sites = await admin.gql<{ sites: { totalCount: number } }>('{ sites(filter: { type: { eq: PRIMARY } }) { totalCount } }');
    expect(sites.data?.sites.totalCount).toBe(1);
  });

  it('finds sites, devices and collections by global id with node(id:)', async () => {
    const site = (await admin.get('/sites/PS1')).body.nodeId;
    const collection = (await admin.get(`/collections/${labs}`)).body.nodeId;
    const res = await admin.gql<Record<string, { __typename: string }>>(
      `query($s: ID!, $c: ID!) { s: node(id: $s) { __typename ... on Site { code } } c: node(id: $c) { __typename ... on Collection { name } } }`,
      { s: site, c: collection },
    );
    expect(res.data).toEqual({ s: { __typename: 'Site', code: 'PS1' }, c: { __typename: 'Collection', name: 'Labs' } });
  });

  it('runs mutations that report domain failures as userErrors', async () => {
    const created = await admin.gql<{ createDevice: { device: { name: string; deviceId: string } | null; userErrors: unknown[] } }>(
      'mutation { createDevice(input: { name: "GQ-1", siteCode: "PS1", joinType: DOMAIN, domain: "contoso.com" }) { device { name deviceId } userErrors { field code message } } }',
    );
    expect(created.data?.createDevice).toEqual({ device: { name: 'GQ-1', deviceId: expect.any(String) }, userErrors: [] });
    const invalid = await admin.gql<{ createDevice: { device: null; userErrors: { field: string; code: string }[] } }>(
      'mutation { createDevice(input: { name: "GQ-2", siteCode: "PS1", joinType: DOMAIN }) { device { name } userErrors { field code message } } }',
    );
    expect(invalid.errors).toBeUndefined();
    expect(invalid.data?.createDevice).toEqual({ device: null, userErrors: [{ field: 'domain', code: 'required', message: expect.any(String) }] });
    const duplicate = await admin.gql<{ createDevice: { userErrors: { code: string }[] } }>(
      'mutation { createDevice(input: { name: "gq-1", siteCode: "PS1", joinType: WORKGROUP }) { userErrors { code } } }',
    );
    expect(duplicate.data?.createDevice.userErrors).toEqual([{ code: 'conflict' }]);

    const collection = await admin.gql<{ createCollection: { collection: { collectionId: string } } }>('mutation { createCollection(input: { name: "GQ" }) { collection { collectionId } userErrors { code } } }');
    const cid = collection.data!.createCollection.collection.collectionId;
    const rule = await admin.gql<{ addCollectionRule: { result: { collection: { memberCount: number }; rule: { type: string } } } }>(
      `mutation($id: ID!) { addCollectionRule(input: { id: $id, type: QUERY, filter: "startswith(name,'GQ-')" }) { result { collection { memberCount } rule { type } } userErrors { code } } }`,
      { id: cid },
    );
    expect(rule.data?.addCollectionRule.result).toEqual({ collection: { memberCount: 1 }, rule: { type: 'QUERY' } });
    const cycle = await admin.gql<{ addCollectionRule: { result: null; userErrors: { code: string; message: string }[] } }>(
      `mutation($id: ID!) { addCollectionRule(input: { id: $id, type: INCLUDE, collectionId: $id }) { result { rule { id } } userErrors { code message } } }`,
      { id: cid },
    );
    expect(cycle.data?.addCollectionRule.userErrors[0]).toEqual({ code: 'cycle', message: expect.stringContaining('GQ → GQ') });
    const builtIn = await admin.gql<{ deleteCollection: { userErrors: { code: string }[] } }>('mutation { deleteCollection(input: { id: "all-systems" }) { deletedCollectionId userErrors { code } } }');
    expect(builtIn.data?.deleteCollection.userErrors).toEqual([{ code: 'builtIn' }]);
    const site = await admin.gql<{ createSite: { site: { code: string; parentCode: string } } }>('mutation { createSite(input: { code: "PS2", name: "Two", type: PRIMARY }) { site { code parentCode } userErrors { code } } }');
    expect(site.data?.createSite.site).toEqual({ code: 'PS2', parentCode: 'CAS' });
  });

  it('keeps authentication errors top-level', async () => {
    const res = await t.http().post('/graphql').send({ query: 'mutation { deleteSite(input: { code: "PS2" }) { deletedCode } }' });
    expect(res.body.errors[0].extensions.code).toBe('missingToken');
  });

  it('loads 100 devices with their site and collections in at most 5 SQL statements', async () => {
    const statements: string[] = [];
    const spy = jest.spyOn(t.dataSource.logger, 'logQuery').mockImplementation((query: string) => {
      statements.push(query);
    });
    try {
      const res = await admin.gql<{ devices: { nodes: { site: { code: string }; collections: { totalCount: number; nodes: { name: string }[] } }[] } }>(
        '{ devices(first: 100) { totalCount nodes { name site { code name } collections(first: 5) { totalCount nodes { name } } } } }',
      );
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.devices.nodes;
      expect(nodes).toHaveLength(100);
      expect(nodes.every((n) => n.site.code && n.collections.totalCount >= 1)).toBe(true);
      expect(nodes.find((n) => n.site.code === 'S01')?.collections.nodes.map((c) => c.name)).toContain('Labs');
    } finally {
      spy.mockRestore();
    }
    // Count what resolving the query reads: statements on the inventory tables. Authentication
    // (api_tokens) is the guard's, and other features' background sweeps share the pool.
    const resolving = statements.filter((sql) => /\b(devices|sites|collections|collection_members|collection_rules)\b/.test(sql) && !/\bapi_tokens\b/.test(sql));
    // Devices page, devices count, sites batch, collections batch.
    expect(resolving.length).toBeGreaterThanOrEqual(4);
    expect(resolving.length).toBeLessThanOrEqual(5);
  });
});

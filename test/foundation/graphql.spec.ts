import { bearer, startTestApp, TestApp } from '../support/test-app';

interface GqlResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

const STACK_LINE = /\bat [^\s"]+ \(|\bat [^\s"]*\.(?:ts|js):\d+|node_modules/;

describe('GraphQL', () => {
  let t: TestApp;

  const gql = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token: string | null = t.adminToken) => {
    const req = t.http().post('/graphql').set('Content-Type', 'application/json');
    if (token) req.set(bearer(token));
    const res = await req.send({ query, variables });
    expect(res.text).not.toMatch(STACK_LINE);
    expect(res.text).not.toContain('stacktrace');
    return { status: res.status, body: res.body as GqlResponse<T> };
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const name of ['gq-anna', 'gq-bert', 'gq-cleo', 'gq-dora']) {
      await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name, role: 'readOnlyAnalyst' }).expect(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers { me { id name role } } for the token’s principal, with the REST nodeId as id', async () => {
    const { status, body } = await gql<{ me: { id: string; name: string; role: string } }>('{ me { id name role } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.me).toEqual({ id: expect.any(String), name: 'admin', role: 'FULL_ADMINISTRATOR' });
    const rest = await t.http().get('/api/v1/me').set(bearer(t.adminToken)).expect(200);
    expect(body.data?.me.id).toBe(rest.body.nodeId);
  });

  it('refuses a query without a token with extensions.code missingToken', async () => {
    const { body } = await gql('{ me { id name } }', {}, null);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('missingToken');
  });

  it('refuses a query with an unknown token with extensions.code invalidToken', async () => {
    const { body } = await gql('{ me { id name } }', {}, 'rcg_neverIssuedGraphqlToken_0123456789');
    expect(body.errors?.[0].extensions?.code).toBe('invalidToken');
  });

  it('refuses principals to a role without principals:read', async () => {
    await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name: 'gq-operator', role: 'remoteToolsOperator' }).expect(201);
    const issued = await t.http().post('/api/v1/principals/gq-operator/tokens').set(bearer(t.adminToken)).send({ name: 'g' }).expect(201);
    const { body } = await gql('{ principals(first: 1) { totalCount } }', {}, issued.body.token as string);
    expect(body.errors?.[0].extensions?.code).toBe('forbidden');
    const me = await gql<{ me: { name: string } }>('{ me { name } }', {}, issued.body.token as string);
    expect(me.body.data?.me.name).toBe('gq-operator');
  });

  it('pages principals as a Relay connection with totalCount and after', async () => {
    const query = `query Page($after: String) {
      principals(first: 1, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id name } }
        nodes { name }
      }
    }`;
    type Page = { principals: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string; name: string } }[]; nodes: { name: string }[] } };
    const [{ count }] = (await t.dataSource.query('SELECT count(*)::int AS count FROM principals')) as { count: number }[];
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body }: { body: GqlResponse<Page> } = await gql<Page>(query, { after });
      expect(body.errors).toBeUndefined();
      const page: Page['principals'] = body.data!.principals;
      pages++;
      expect(page.totalCount).toBe(count);
      expect(page.edges).toHaveLength(1);
      expect(page.nodes.map((n) => n.name)).toEqual(page.edges.map((e) => e.node.name));
      expect(page.pageInfo.endCursor).toBe(page.edges[0].cursor);
      names.push(page.edges[0].node.name);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(count + 1);
    }
    expect(pages).toBe(count);
    const expected = ((await t.dataSource.query('SELECT name FROM principals ORDER BY name, id')) as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expected);
  });

  it('refuses first outside 1-100', async () => {
    const { body } = await gql('{ principals(first: 101) { totalCount } }');
    expect(body.errors?.[0].extensions?.code).toBe('validationFailed');
  });

  it('refuses bad arguments of a nested field with validationFailed too, not internalError', async () => {
    const { body } = await gql('{ collection(id: "all-systems") { name members(first: 101) { totalCount } } }');
    expect(body.errors?.[0].extensions?.code).toBe('validationFailed');
    expect(body.errors?.[0].path).toEqual(['collection', 'members']);
  });

  it('fetches the principal by its global id with node(id:) and returns null for a garbage id', async () => {
    const me = await gql<{ me: { id: string } }>('{ me { id } }');
    const id = me.body.data!.me.id;
    const query = 'query Node($id: ID!) { node(id: $id) { id __typename ... on Principal { name role } } }';
    const found = await gql<{ node: { id: string; __typename: string; name: string } | null }>(query, { id });
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data?.node).toEqual({ id, __typename: 'Principal', name: 'admin', role: 'FULL_ADMINISTRATOR' });

    for (const garbage of ['garbage!', 'bm90aGluZw', Buffer.from('Principal:00000000-0000-4000-8000-000000000000').toString('base64url'), Buffer.from('Spaceship:1').toString('base64url')]) {
      const missing = await gql<{ node: unknown }>(query, { id: garbage });
      expect(missing.body.errors).toBeUndefined();
      expect(missing.body.data).toEqual({ node: null });
    }
  });

  it('accepts a query nested exactly to the depth limit', async () => {
    const { body } = await gql('{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }');
    expect(body.errors).toBeUndefined();
  });

  it('refuses a query nested deeper than the limit with queryTooDeep', async () => {
    const { status, body } = await gql('{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }');
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('queryTooDeep');
    expect(body.errors?.[0].message).toMatch(/13 levels.*limit is 12/);
  });

  it('refuses a deep query built from fragments with queryTooDeep', async () => {
    const query = `
      fragment T on __Type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }
      { __schema { types { fields { type { ...T } } } } }`;
    const { body } = await gql(query);
    expect(body.errors?.[0].extensions?.code).toBe('queryTooDeep');
  });

  it('refuses an over-complex query with queryTooComplex', async () => {
    // Costs what it can return: 1 + 100 × (nodes 1 + collections (1 + 100)) = 10,201 > 5,000.
    const { body } = await gql('{ devices(first: 100) { nodes { id collections(first: 100) { nodes { id name } } } } }');
    expect(body.errors?.[0].extensions?.code).toBe('queryTooComplex');
    expect(body.errors?.[0].message).toBe('The query costs 10201; the limit is 5000.');
    expect(body.data ?? null).toBeNull();
  });

  it('charges objects, not the scalars on them: nested DataLoader pages fit the limit', async () => {
    // 1 + 100 × (nodes 1 + collections (1 + 20) + resultantSettings (1 + remoteTools 1)) = 2,401.
    const query = `{ devices(first: 100) { nodes { id name online collections(first: 20) { nodes { id name } }
      resultantSettings { sourceClientSettingsId evaluatedAt remoteTools { enableRemoteControl accessLevel } } } } }`;
    const { body } = await gql(query);
    expect(body.errors).toBeUndefined();
    // Scalars are free, so a wide selection of one page is not refused, but a wider page of objects is.
    const page = (n: number) => `principals(first: ${n}) { edges { cursor node { id name role displayName groups createdAt } } nodes { id name } }`;
    expect((await gql(`{ a: ${page(100)} b: ${page(100)} c: ${page(100)} }`)).body.errors).toBeUndefined();
    const tooMany = await gql(`{ devices(first: 100) { nodes { collections(first: 49) { nodes { id } } } } }`);
    expect(tooMany.body.errors?.[0].message).toBe('The query costs 5101; the limit is 5000.');
  });

  it('never returns stack traces or internals in error extensions', async () => {
    const probes = [
      await gql('{ me { id name } }', {}, null),
      await gql('{ nope }'),
      await gql('{ principals(first: 1, after: "not-a-cursor") { totalCount } }'),
      await gql('{ me { '),
    ];
    for (const { body } of probes) {
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors ?? []) {
        expect(error.extensions).toBeDefined();
        expect(error.extensions).not.toHaveProperty('stacktrace');
        expect(error.extensions).not.toHaveProperty('exception');
        expect(typeof error.extensions?.code).toBe('string');
      }
    }
    expect(probes[2].body.errors?.[0].extensions?.code).toBe('invalidCursor');
  });
});

import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('scope collections are security boundaries', () => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    await f.site('S01');
  });
  afterAll(() => t.close());

  it('a scoped infrastructure administrator cannot widen its own scope by editing the collection that bounds it', async () => {
    const inner = await f.collection('Inner', "name eq 'IN-SCOPE'");
    const scope = await f.collection('Scope', "name eq 'IN-SCOPE'");
    await t.http().post(`/api/v1/collections/${scope}/rules`).set(bearer(t.adminToken)).send({ type: 'include', collectionId: inner });
    const infra = bearer(await f.principal('infra-scoped', 'infrastructureAdministrator', [scope]));
    const widen = await t.http().post(`/api/v1/collections/${scope}/rules`).set(infra).send({ type: 'query', filter: "startswith(name,'OUT-')" });
    expect(widen.status).toBe(403);
    expect(widen.body.code).toBe('scopeCollectionProtected');
    // Nor through a collection the scope includes.
    const viaInclude = await t.http().post(`/api/v1/collections/${inner}/rules`).set(infra).send({ type: 'include', collectionId: 'all-systems' });
    expect(viaInclude.status).toBe(403);
    // A full administrator may, and an unrelated collection stays editable by the infrastructure administrator.
    const free = await f.collection('Unrelated');
    expect((await t.http().post(`/api/v1/collections/${free}/rules`).set(infra).send({ type: 'query', filter: "name eq 'X'" })).status).toBe(201);
    expect((await t.http().post(`/api/v1/collections/${scope}/rules`).set(bearer(t.adminToken)).send({ type: 'query', filter: "name eq 'Y'" })).status).toBe(201);
  });
});

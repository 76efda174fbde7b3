import { startTestApp, TestApp } from '../support/test-app';
import { InventoryClient } from './inventory-client';
import { expectMembershipConsistent } from './membership-check';

describe('stored membership follows device changes', () => {
  let t: TestApp;
  let admin: InventoryClient;
  let finance: string;
  let office: string;
  let windows: string;
  let notWindows: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new InventoryClient(t, t.adminToken);
    await admin.site('PS1', 'primary');
    await admin.site('PS2', 'primary');
    finance = await admin.collection('Finance');
    await admin.rule(finance, { type: 'query', filter: "startswith(name,'FIN-') and siteCode eq 'PS1'" });
    windows = await admin.collection('Windows');
    await admin.rule(windows, { type: 'query', filter: "contains(osName,'windows')" });
    office = await admin.collection('Office');
    await admin.rule(office, { type: 'include', collectionId: finance });
    notWindows = await admin.collection('Finance without Windows', { limitingCollectionId: office });
    await admin.rule(notWindows, { type: 'include', collectionId: finance });
    await admin.rule(notWindows, { type: 'exclude', collectionId: windows });
  });
  afterAll(() => t?.close());

  it('adds a new device to All Systems and to every collection whose rules match it, with dependants', async () => {
    const before = (await admin.get('/collections/all-systems')).body.memberCount;
    await admin.device('FIN-01', 'PS1');
    expect((await admin.get('/collections/all-systems')).body.memberCount).toBe(before + 1);
    expect(await admin.memberNames(finance)).toEqual(['FIN-01']);
    expect(await admin.memberNames(office)).toEqual(['FIN-01']);
    expect(await admin.memberNames(notWindows)).toEqual(['FIN-01']);
    expect(await admin.memberNames(windows)).toEqual([]);
    await expectMembershipConsistent(t);
  });

  it('moves a changed device between collections, through include, exclude and limiting', async () => {
    const id = (await admin.get(`/devices?filter=${encodeURIComponent("name eq 'FIN-01'")}`)).body.value[0].id;
    await admin.patch(`/devices/${id}`, { osName: 'Microsoft Windows 11' });
    expect(await admin.memberNames(windows)).toEqual(['FIN-01']);
    expect(await admin.memberNames(office)).toEqual(['FIN-01']);
    expect(await admin.memberNames(notWindows)).toEqual([]);
    await admin.patch(`/devices/${id}`, { siteCode: 'PS2' });
    expect(await admin.memberNames(finance)).toEqual([]);
    expect(await admin.memberNames(office)).toEqual([]);
    expect((await admin.get(`/collections/${office}`)).body.memberCount).toBe(0);
    await admin.patch(`/devices/${id}`, { siteCode: 'PS1', osName: 'Ubuntu' });
    expect(await admin.memberNames(notWindows)).toEqual(['FIN-01']);
    await expectMembershipConsistent(t);
  });

  it('drops a deleted device from every collection and its direct rules', async () => {
    const id = await admin.device('FIN-02', 'PS1', { osName: 'Windows 10' });
    const helpdesk = await admin.collection('Helpdesk');
    await admin.put(`/collections/${helpdesk}/members/${id}`);
    expect(await admin.memberNames(helpdesk)).toEqual(['FIN-02']);
    expect((await admin.delete(`/devices/${id}`)).status).toBe(204);
    expect(await admin.memberNames(helpdesk)).toEqual([]);
    expect((await admin.get(`/collections/${helpdesk}/rules`)).body.value).toEqual([]);
    expect((await admin.get(`/collections/${windows}`)).body.memberCount).toBe(0);
    await expectMembershipConsistent(t);
  });

  it('leaves collections whose rules cannot see the change alone', async () => {
    const stamp = (await admin.get(`/collections/${finance}`)).body.lastEvaluatedAt;
    const id = await admin.device('OTHER-1', 'PS2');
    await admin.patch(`/devices/${id}`, { clientVersion: '5.0' });
    expect((await admin.get(`/collections/${finance}`)).body.lastEvaluatedAt).toBe(stamp);
    expect(await admin.memberNames(finance)).toEqual(['FIN-01']);
  });

  it('never leaves membership stale under concurrent rule edits and device writes', async () => {
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 8; i++) {
      work.push(admin.post('/devices', { name: `FIN-C${i}`, siteCode: 'PS1', joinType: 'workgroup', osName: i % 2 ? 'Windows' : 'Linux' }));
      work.push(admin.post(`/collections/${windows}/rules`, { type: 'query', filter: `name eq 'FIN-C${i}'` }));
      work.push(admin.post(`/collections/${office}/rules`, { type: 'query', filter: `startswith(name,'FIN-C${i}')` }));
    }
    const results = (await Promise.all(work)) as { status: number }[];
    expect(results.map((r) => r.status).every((s) => s === 201)).toBe(true);
    await expectMembershipConsistent(t);
    expect(await admin.memberNames(windows)).toHaveLength(8);
  });
});

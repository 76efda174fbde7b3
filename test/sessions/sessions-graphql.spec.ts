import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const SETTINGS = { enableRemoteControl: true, promptUserForPermission: false, permittedViewers: ['admin'] };

function subscribe<T>(client: Client, query: string, variables: Record<string, unknown>) {
  const received: T[] = [];
  const errors: unknown[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const dispose = client.subscribe<T>({ query, variables }, {
    next: (value) => (value.errors ? errors.push(...value.errors) : received.push(value.data as T)),
    error: (error) => { errors.push(error); done(); },
    complete: () => done(),
  });
  return { received, errors, finished, dispose };
}

async function until(ok: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe('sessions over GraphQL: mutations with userErrors, Device.sessions, subscriptions across nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let f: Fixtures;
  let url: string;
  let deviceId: string;
  const gql = (query: string, variables?: Record<string, unknown>) => a.http().post('/graphql').set(bearer(a.adminToken)).send({ query, variables });
  const wsClient = (token?: string) => createClient({ url: url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 0, lazy: true });

  beforeAll(async () => {
    a = await startTestApp({ RELAY_NODE_TIMEOUT_SECONDS: '3600' });
    b = await startTestApp({ RELAY_NODE_TIMEOUT_SECONDS: '3600' }, { databaseUrl: a.databaseUrl, adminToken: a.adminToken });
    f = new Fixtures(a);
    await f.site('S01');
    await f.relayNode();
    await f.settings(SETTINGS);
    deviceId = (await f.agent('GQL-01', { currentUser: null })).deviceId;
    url = await a.listen();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('startSession returns the session and ticket; a denial comes back as a userError with the policy reason and the rule trace', async () => {
    const started = await gql('mutation($i: StartSessionInput!) { startSession(input: $i) { session { sessionId state type accessLevel } viewerTicket viewerUrl userErrors { code } } }', { i: { deviceId, accessLevel: 'VIEW_ONLY' } });
    expect(started.body.errors).toBeUndefined();
    expect(started.body.data.startSession).toMatchObject({ session: { state: 'READY', type: 'REMOTE_CONTROL', accessLevel: 'VIEW_ONLY' }, userErrors: [] });
    expect(started.body.data.startSession.viewerTicket).toEqual(expect.any(String));
    const denied = await gql('mutation($i: StartSessionInput!) { startSession(input: $i) { session { sessionId } rules { rule passed } userErrors { code message } } }', { i: { deviceId, type: 'REMOTE_ASSISTANCE', accessLevel: 'VIEW_ONLY' } });
    expect(denied.body.data.startSession.session).toBeNull();
    expect(denied.body.data.startSession.userErrors[0].code).toBe('remoteAssistanceNotAllowed');
    expect(denied.body.data.startSession.rules.some((r: { passed: boolean }) => !r.passed)).toBe(true);
    const checked = await gql('mutation($i: StartSessionInput!) { checkSession(input: $i) { allowed reason rules { rule passed detail } } }', { i: { deviceId, accessLevel: 'FULL_CONTROL' } });
    expect(checked.body.data.checkSession).toMatchObject({ allowed: true, reason: null });
    const listed = await gql('{ sessions(first: 5) { nodes { sessionId deviceId } } devices(first: 5) { nodes { name sessions(last: 3) { sessionId state } } } }');
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data.sessions.nodes[0].deviceId).toBe(deviceId);
    expect(listed.body.data.devices.nodes[0].sessions).toHaveLength(1);
  });

  it('sessionUpdated delivers the end made through another API node, within a second', async () => {
    const started = (await a.http().post('/api/v1/sessions').set(bearer(a.adminToken)).send({ deviceId, type: 'remoteControl', accessLevel: 'viewOnly' })).body;
    const client = wsClient(a.adminToken);
    const sub = subscribe<{ sessionUpdated: { state: string; endReason: string | null } }>(client, 'subscription($id: ID!) { sessionUpdated(id: $id) { state endReason } }', { id: started.id });
    await new Promise((r) => setTimeout(r, 500));
    const endedAt = Date.now();
    expect((await b.http().post(`/api/v1/sessions/${started.id}/end`).set(bearer(a.adminToken))).status).toBe(200);
    await sub.finished;
    expect(Date.now() - endedAt).toBeLessThan(2000);
    expect(sub.errors).toEqual([]);
    expect(sub.received.at(-1)?.sessionUpdated).toEqual({ state: 'ENDED', endReason: 'endedByAdministrator' });
    await client.dispose();
  });

  it('auditRecordAdded streams new records matching the filter; without a token the subscription is refused', async () => {
    const client = wsClient(a.adminToken);
    const sub = subscribe<{ auditRecordAdded: { type: string; deviceId: string } }>(client, 'subscription($f: AuditRecordFilter) { auditRecordAdded(filter: $f) { type deviceId actor } }', { f: { types: ['sessionRequested'] } });
    await new Promise((r) => setTimeout(r, 500));
    await b.http().post('/api/v1/sessions').set(bearer(a.adminToken)).send({ deviceId, type: 'remoteControl', accessLevel: 'viewOnly' });
    await until(() => sub.received.length > 0);
    expect(sub.received[0].auditRecordAdded).toMatchObject({ type: 'sessionRequested', deviceId });
    sub.dispose();
    await client.dispose();

    const anonymous = wsClient();
    const refused = subscribe(anonymous, 'subscription { auditRecordAdded { type } }', {});
    await refused.finished;
    expect(refused.received).toEqual([]);
    expect(JSON.stringify(refused.errors)).toMatch(/missingToken|unauthorized/);
    await anonymous.dispose();
  });
});

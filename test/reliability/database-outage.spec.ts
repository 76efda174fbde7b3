import { setTimeout as sleep } from 'node:timers/promises';
import { Client as GraphQLWsClient, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startRelayNode } from '../../src/relay/start-relay-node';
import { SessionEvents } from '../../src/sessions/session-events';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { auditRecords, connect, verifiedAuditChain, waitFor } from '../relay/support/relay-fixture';
import { DedicatedPostgres } from './support/dedicated-postgres';
import { Api, auditCounts, call, exchange, PairedSession, pairedSession, stateOf, UNATTENDED_FULL_CONTROL } from './support/sessions-flow';

/** The shortest allowed: an outage of twice this would end every session if stale heartbeats counted right after it. */
const NODE_TIMEOUT_SECONDS = 3;
const OUTAGE_MS = 2 * NODE_TIMEOUT_SECONDS * 1000 + 1000;

/** What a response must never show a caller: driver errors, addresses, SQL. (Not a bare port number: trace ids are hex.) */
const INTERNALS = /ECONNREFUSED|ECONNRESET|127\.0\.0\.1|postgres|SELECT|INSERT|UPDATE|terminating connection|Connection terminated|QueryFailed|stack/i;

interface Outcome {
  startedAt: number;
  endedAt: number;
  path: string;
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  text: string;
}

describe('PostgreSQL stopped mid-load, then started again', () => {
  let pg: DedicatedPostgres;
  let t: TestApp;
  let api: Api;
  let agents: { deviceId: string; deviceToken: string }[];
  let streaming: PairedSession;
  let endedDuringOutage: PairedSession;
  /** Created before the outage, joined only after it. */
  let pending: { id: string; viewerTicket: string; relayUrl: string };
  const outcomes: Outcome[] = [];
  /** When PostgreSQL had stopped, when it was asked to start again, and when /readyz said 200 again. */
  const at = { stopped: Infinity, restarting: Infinity, ready: Infinity };
  const between = (from: number, to: number) => outcomes.filter((o) => o.startedAt >= from && o.endedAt <= to);
  let newSession = '';
  let subscriptions: GraphQLWsClient | undefined;
  /** What a GraphQL subscription to the streaming session, opened before the outage, receives. */
  const updates: { state: string; endReason: string | null }[] = [];
  let subscriptionDone: Promise<unknown> = Promise.resolve();
  let loadRunning = true;
  let load: Promise<void>;

  beforeAll(async () => {
    pg = await DedicatedPostgres.start();
    const databaseUrl = await pg.migratedDatabase('rcgate_outage');
    t = await startTestApp({ RELAY_NODE_TIMEOUT_SECONDS: String(NODE_TIMEOUT_SECONDS), CONSENT_TIMEOUT_SECONDS: '60' }, { databaseUrl });
    api = { baseUrl: await t.listen(), adminToken: t.adminToken };
    await startRelayNode(t.app, t.config);
    const f = new Fixtures(t);
    await f.site('S01');
    await f.settings(UNATTENDED_FULL_CONTROL, 'all-systems', 100);
    agents = [];
    for (const name of ['OUT-STREAM', 'OUT-ENDED', 'OUT-LATER', 'OUT-POLL']) agents.push(await f.agent(name));
  }, 120_000);

  afterAll(async () => {
    loadRunning = false;
    await load?.catch(() => undefined);
    for (const s of [streaming, endedDuringOutage]) for (const ws of [s?.viewer.ws, s?.agent.ws]) ws?.terminate();
    await subscriptions?.dispose();
    await t?.close().catch(() => undefined);
    await pg?.stop();
  });

  async function joinSession(id: string, relayUrl: string, viewerTicket: string, agentTicket: string): Promise<PairedSession> {
    const viewer = await connect(relayUrl, viewerTicket);
    const agent = await connect(relayUrl, agentTicket);
    await waitFor(async () => (await stateOf(t.dataSource, id)).state === 'active', 10_000, `session ${id} active`);
    return { id, viewer, agent };
  }

  /** Four clients reading and checking policy over real sockets, all through the outage. */
  function startLoad(): Promise<void> {
    const requests: [string, string, unknown?][] = [
      ['GET', '/api/v1/devices?top=5'],
      ['GET', '/api/v1/sessions?top=5'],
      ['POST', '/api/v1/sessions/check', { deviceId: agents[2].deviceId, type: 'remoteControl', accessLevel: 'fullControl' }],
      ['GET', '/api/v1/audit-records?top=5'],
    ];
    const worker = async (offset: number) => {
      for (let i = offset; loadRunning; i++) {
        const [method, path, body] = requests[i % requests.length];
        const startedAt = Date.now();
        try {
          const res = await call(api, method, path, t.adminToken, body);
          outcomes.push({ startedAt, endedAt: Date.now(), path, status: res.status, contentType: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), text: res.text });
        } catch (error) {
          outcomes.push({ startedAt, endedAt: Date.now(), path, status: 0, contentType: null, retryAfter: null, text: String(error) });
        }
        await sleep(20);
      }
    };
    return Promise.all([0, 1, 2, 3].map(worker)).then(() => undefined);
  }

  it('before the outage: two sessions are paired and streaming, and requests succeed', async () => {
    streaming = await pairedSession(api, t.dataSource, agents[0]);
    endedDuringOutage = await pairedSession(api, t.dataSource, agents[1]);
    await exchange(streaming);
    await exchange(endedDuringOutage);
    const created = await call(api, 'POST', '/api/v1/sessions', t.adminToken, { deviceId: agents[2].deviceId, type: 'remoteControl', accessLevel: 'fullControl' });
    expect(created.status).toBe(201);
    pending = created.json() as typeof pending;
    subscriptions = createClient({ url: `${api.baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.adminToken}` }, retryAttempts: 0, lazy: true });
    subscriptionDone = new Promise((resolve, reject) =>
      subscriptions!.subscribe<{ sessionUpdated: { state: string; endReason: string | null } }>(
        { query: 'subscription($id: ID!) { sessionUpdated(id: $id) { state endReason } }', variables: { id: streaming.id } },
        { next: (value) => (value.errors ? reject(new Error(JSON.stringify(value.errors))) : updates.push(value.data!.sessionUpdated)), error: reject, complete: () => resolve(undefined) },
      ),
    );
    // Subscribed (its first read of the session done) before the database goes.
    await waitFor(() => t.app.get(SessionEvents).subscriberCount() === 1, 10_000, 'the subscription');
    load = startLoad();
    await waitFor(() => outcomes.length >= 8, 10_000, 'some requests before the outage');
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
  });

  it('during the outage: 503 problems with Retry-After and no internals, /readyz red, streams keep flowing both ways', async () => {
    await pg.stop();
    const stoppedAt = (at.stopped = Date.now());

    const devices = await call(api, 'GET', '/api/v1/devices', t.adminToken);
    expect(devices.status).toBe(503);
    expect(devices.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(devices.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(devices.json()).toMatchObject({ status: 503, code: 'databaseUnavailable' });
    expect(devices.text).not.toMatch(INTERNALS);

    const create = await call(api, 'POST', '/api/v1/sessions', t.adminToken, { deviceId: agents[3].deviceId, type: 'remoteControl', accessLevel: 'fullControl' });
    expect(create.status).toBe(503);
    expect(create.text).not.toMatch(INTERNALS);

    const agentPoll = await call(api, 'GET', '/api/v1/agent/offers?wait=0', agents[2].deviceToken);
    expect(agentPoll.status).toBe(503);
    expect(agentPoll.headers.get('retry-after')).not.toBeNull();

    const graphql = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ devices(first: 1) { totalCount } }' }),
    });
    const graphqlText = await graphql.text();
    const graphqlBody = JSON.parse(graphqlText) as { data?: unknown; errors?: { message: string; extensions: { code: string; status: number } }[] };
    expect(graphqlBody.errors?.[0]?.extensions).toMatchObject({ code: 'databaseUnavailable', status: 503 });
    expect(graphqlText).not.toMatch(INTERNALS);

    const readyz = await fetch(`${api.baseUrl}/readyz`);
    expect(readyz.status).toBe(503);
    expect(readyz.headers.get('retry-after')).not.toBeNull();
    expect(await readyz.json()).toMatchObject({ code: 'serviceUnavailable', checks: { database: 'unreachable' } });
    expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200);

    // A viewer joining now cannot have its ticket checked: "try again later", and the ticket is not spent.
    const refused = await connect(pending.relayUrl, pending.viewerTicket);
    expect(await refused.closed).toEqual({ code: 1013, reason: 'databaseUnavailable' });

    // The viewer of the second session leaves while nothing can be recorded.
    endedDuringOutage.viewer.ws.close(1000);
    expect((await endedDuringOutage.agent.closed).code).toBe(1000);

    // The live stream keeps flowing for longer than twice the relay node timeout.
    let rounds = 0;
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      await exchange(streaming, 8192);
      rounds++;
      await sleep(250);
    }
    expect(rounds).toBeGreaterThanOrEqual(3);
    expect(streaming.viewer.ws.readyState).toBe(streaming.viewer.ws.OPEN);
    expect(streaming.agent.ws.readyState).toBe(streaming.agent.ws.OPEN);

    const during = between(at.stopped, Date.now());
    expect(during.length).toBeGreaterThan(10);
    // Only 503 problems while the database is gone: no 500, no 401 (a token that could not be checked is not a bad token).
    const unexpected = during.filter((o) => o.status !== 503 || !o.contentType?.includes('application/problem+json') || !o.retryAfter || INTERNALS.test(o.text));
    expect(unexpected).toEqual([]);
  }, 60_000);

  it('after it returns: ready again without a restart, the live session is not declared relayLost, and requests succeed', async () => {
    at.restarting = Date.now();
    await pg.start();
    await waitFor(async () => (await fetch(`${api.baseUrl}/readyz`)).status === 200, 20_000, '/readyz 200');
    at.ready = Date.now();
    await waitFor(async () => (await call(api, 'GET', '/api/v1/devices?top=1', t.adminToken)).status === 200, 10_000, 'GET /devices 200');
    // Longer than the node timeout plus a sweep: a sweeper that trusted the stale heartbeats would have ended it by now.
    const until = Date.now() + (NODE_TIMEOUT_SECONDS + 3) * 1000;
    while (Date.now() < until) {
      await exchange(streaming);
      await sleep(250);
    }
    expect(await stateOf(t.dataSource, streaming.id)).toEqual({ state: 'active', endReason: null });
    expect(await auditRecords(t, 'sessionEnded', streaming.id)).toEqual([]);
    loadRunning = false;
    await load;
    const after = between(at.ready, Infinity);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((o) => o.status !== 200)).toEqual([]);
    // Whatever straddled a stop or a start: the answer before or the answer after, never anything else.
    expect(outcomes.filter((o) => o.status !== 200 && !(o.status === 503 && o.contentType?.includes('application/problem+json') && o.retryAfter && !INTERNALS.test(o.text)))).toEqual([]);
  }, 60_000);

  it('records the end that happened during the outage exactly once', async () => {
    await waitFor(async () => (await stateOf(t.dataSource, endedDuringOutage.id)).state === 'ended', 20_000, 'the end recorded');
    expect(await stateOf(t.dataSource, endedDuringOutage.id)).toEqual({ state: 'ended', endReason: 'viewerClosed' });
    const ended = await auditRecords(t, 'sessionEnded', endedDuringOutage.id);
    expect(ended).toHaveLength(1);
    expect(ended[0].details).toMatchObject({ endReason: 'viewerClosed', previousState: 'active', bytesFromViewer: 4096, bytesFromAgent: 4096 });
  }, 30_000);

  it('an administrator ending the live session reaches the relay and a GraphQL subscription opened before the outage (NOTIFY after the reconnect)', async () => {
    const ended = await call(api, 'POST', `/api/v1/sessions/${streaming.id}/end`, t.adminToken);
    expect(ended.status).toBe(200);
    const [viewerClosed, agentClosed] = await Promise.all([streaming.viewer.closed, streaming.agent.closed]);
    expect(viewerClosed.code).toBe(4000);
    expect(agentClosed.code).toBe(4000);
    await Promise.race([subscriptionDone, sleep(10_000).then(() => Promise.reject(new Error('the subscription did not complete')))]);
    expect(updates.at(-1)).toEqual({ state: 'ENDED', endReason: 'endedByAdministrator' });
  }, 30_000);

  it('the viewer turned away during the outage joins with the same ticket, and the session streams', async () => {
    const offers = await call(api, 'GET', '/api/v1/agent/offers?wait=0', agents[2].deviceToken);
    const offer = (offers.json().value as { sessionId: string; agentTicket?: string }[]).find((o) => o.sessionId === pending.id);
    expect(offer?.agentTicket).toEqual(expect.any(String));
    const joined = await joinSession(pending.id, pending.relayUrl, pending.viewerTicket, offer!.agentTicket!);
    await exchange(joined);
    joined.viewer.ws.close(1000);
    await waitFor(async () => (await stateOf(t.dataSource, pending.id)).state === 'ended', 10_000, 'the session ended');
  }, 30_000);

  it('an agent long poll is woken by the offer of a new session, which pairs and streams', async () => {
    const poller = agents[3];
    const pollStarted = Date.now();
    const poll = call(api, 'GET', '/api/v1/agent/offers?wait=30', poller.deviceToken, undefined, AbortSignal.timeout(40_000));
    await sleep(500);
    const started = await call(api, 'POST', '/api/v1/sessions', t.adminToken, { deviceId: poller.deviceId, type: 'remoteControl', accessLevel: 'fullControl' });
    expect(started.status).toBe(201);
    const session = started.json() as { id: string; viewerTicket: string; relayUrl: string };
    const offered = await poll;
    // Woken by NOTIFY, long before its 30 s wait ran out.
    expect(Date.now() - pollStarted).toBeLessThan(15_000);
    const offer = (offered.json().value as { sessionId: string; agentTicket?: string }[]).find((o) => o.sessionId === session.id);
    expect(offer?.agentTicket).toEqual(expect.any(String));
    const later = await joinSession(session.id, session.relayUrl, session.viewerTicket, offer!.agentTicket!);
    newSession = session.id;
    await exchange(later);
    later.viewer.ws.close(1000);
    await waitFor(async () => (await stateOf(t.dataSource, later.id)).state === 'ended', 10_000, 'the new session ended');
  }, 60_000);

  it('loses and duplicates no audit record: one of each per session, and the chain verifies', async () => {
    for (const id of [streaming.id, endedDuringOutage.id, pending.id, newSession]) {
      expect(await auditCounts(t.dataSource, id)).toEqual({ sessionRequested: 1, ticketIssued: 2, sessionStarted: 1, sessionEnded: 1 });
    }
    expect(await verifiedAuditChain(t)).toMatchObject({ valid: true, firstBrokenSeq: null });
  }, 30_000);
});

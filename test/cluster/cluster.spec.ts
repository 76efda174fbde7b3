import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Cluster, startCluster } from '../../scripts/cluster';
import { AdminApi } from '../agent/support/admin-api';
import { createTestDatabase } from '../support/test-app';
import { Device, enrolDevice, eventually, exchange, pairedSession, PairedSession, prepareFleet, requestSession, sleep } from './support/cluster-clients';

/** Short, so a killed relay's sessions end within seconds (3 is the shortest allowed; the variable is for measuring the default, 15). */
const RELAY_NODE_TIMEOUT_SECONDS = Number(process.env.CLUSTER_RELAY_NODE_TIMEOUT_SECONDS ?? 3);
const DEVICES = 8;

/** Requests through the proxy answered by each API node, read from the node's own /metrics. */
async function servedBy(node: { url: string }): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('rcgate_http_request_duration_seconds_count{') && line.includes('route="/api/v1/me"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * The multi-node topology of docker-compose.yml, as processes on 127.0.0.1 (`npm run cluster`):
 * PostgreSQL, two API nodes, two standalone relays, Caddy in front. Everything the clients do goes
 * through the proxy; nodes are killed with SIGKILL. Recovery times are measured and printed, never
 * asserted (the box is small and shared).
 */
describe('a cluster of two API nodes and two relay nodes behind Caddy', () => {
  let cluster: Cluster;
  let api: AdminApi;
  const devices: Device[] = [];
  const busy = new Set<string>();
  const live: PairedSession[] = [];
  const measured: Record<string, string> = {};
  const relayPrefix = (n: 1 | 2) => `${cluster.url.replace(/^http/, 'ws')}/relays/r${n}/relay/v1/connect`;

  const freeDevice = (): Device => {
    const device = devices.find((d) => !busy.has(d.deviceId));
    if (!device) throw new Error('no free device left');
    busy.add(device.deviceId);
    return device;
  };
  const release = (session: { device: Device }) => busy.delete(session.device.deviceId);

  beforeAll(async () => {
    cluster = await startCluster({
      databaseUrl: await createTestDatabase(),
      env: {
        RELAY_NODE_TIMEOUT_SECONDS: String(RELAY_NODE_TIMEOUT_SECONDS),
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_ANON_PER_MINUTE: '1000000',
        AUTH_FAILURES_PER_MINUTE: '1000000',
      },
    });
    api = new AdminApi(cluster.url, cluster.adminToken);
    const key = await prepareFleet(api);
    for (let i = 0; i < DEVICES; i++) devices.push(await enrolDevice(cluster.url, key, `PC-CLUSTER-${i}`));
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    if (Object.keys(measured).length > 0) process.stdout.write(`cluster recovery, measured in this run: ${JSON.stringify(measured)}\n`);
  }, 120_000);

  it('serves REST, GraphQL, OpenAPI and the docs through the proxy, from both API nodes', async () => {
    const before = await Promise.all([servedBy(cluster.nodes.api1), servedBy(cluster.nodes.api2)]);
    for (let i = 0; i < 30; i++) expect((await api.expect<{ name: string }>(200, 'GET', '/me')).name).toBe('admin');
    const after = await Promise.all([servedBy(cluster.nodes.api1), servedBy(cluster.nodes.api2)]);
    expect(after[0] - before[0] + (after[1] - before[1])).toBe(30);
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]);

    const graph = await fetch(`${cluster.url}/graphql`, { method: 'POST', headers: { Authorization: `Bearer ${cluster.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ me { name } }' }) });
    expect(await graph.json()).toEqual({ data: { me: { name: 'admin' } } });
    expect((await fetch(`${cluster.url}/openapi.json`)).status).toBe(200);
    expect((await fetch(`${cluster.url}/docs`)).status).toBe(200);
    // Metrics are for scraping each node, not for the public side of the proxy.
    expect((await fetch(`${cluster.url}/metrics`)).status).toBe(404);
  });

  it('spreads sessions over both relay nodes and pairs each viewer with its agent through the proxy', async () => {
    // A GraphQL subscription through the proxy (graphql-ws), on whichever API node the proxy picked.
    const subscriptions = createClient({ url: `${cluster.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${cluster.adminToken}` }, retryAttempts: 0 });
    const requested: string[] = [];
    const connected = new Promise((resolve) => subscriptions.on('connected', resolve));
    const unsubscribe = subscriptions.subscribe<{ auditRecordAdded: { sessionId: string } }>(
      { query: 'subscription { auditRecordAdded(filter: { types: ["sessionRequested"] }) { sessionId } }' },
      { next: (value) => value.data && requested.push(value.data.auditRecordAdded.sessionId), error: () => undefined, complete: () => undefined },
    );
    await connected;
    // The subscribe message follows connection_ack; give the server a moment to register it.
    await sleep(500);
    for (let i = 0; i < 4; i++) live.push(await pairedSession(api, freeDevice()));
    // Sessions were created on whichever API node the proxy chose; every one reached the subscriber (NOTIFY across processes).
    await eventually(() => live.every((s) => requested.includes(s.id)), 15_000, 'sessionRequested events over graphql-ws');
    unsubscribe();
    await subscriptions.dispose();
    expect(new Set(live.map((s) => s.relayUrl))).toEqual(new Set([relayPrefix(1), relayPrefix(2)]));
    for (const [i, session] of live.entries()) await exchange(session, `session ${i}`);
  });

  it('ends a session paired on a relay node when an administrator ends it on an API node (NOTIFY between processes)', async () => {
    const endVia = async (node: { url: string }, session: PairedSession) => {
      const direct = new AdminApi(node.url, cluster.adminToken);
      expect((await direct.expect<{ state: string }>(200, 'POST', `/sessions/${session.id}/end`)).state).toBe('ended');
      expect(await session.viewer.closed).toMatchObject({ code: 4000, reason: 'endedByAdministrator' });
      expect(await session.agent.closed).toMatchObject({ code: 4000, reason: 'endedByAdministrator' });
      expect(await api.session(session.id)).toMatchObject({ state: 'ended', endReason: 'endedByAdministrator' });
      release(session);
      live.splice(live.indexOf(session), 1);
    };
    const onRelay = (n: 1 | 2) => live.find((s) => s.relayUrl === relayPrefix(n)) as PairedSession;
    await endVia(cluster.nodes.api1, onRelay(1));
    await endVia(cluster.nodes.api2, onRelay(2));
    expect(new Set(live.map((s) => s.relayUrl))).toEqual(new Set([relayPrefix(1), relayPrefix(2)]));
  });

  it('keeps answering through the proxy when an API node is killed', async () => {
    const killedAt = Date.now();
    await cluster.nodes.api1.kill('SIGKILL');
    let failures = 0;
    let firstSuccessMs: number | undefined;
    let consecutive = 0;
    await eventually(async () => {
      const res = await fetch(`${cluster.url}/api/v1/me`, { headers: { Authorization: `Bearer ${cluster.adminToken}` }, signal: AbortSignal.timeout(15_000) }).catch(() => undefined);
      if (res?.status === 200) {
        firstSuccessMs ??= Date.now() - killedAt;
        consecutive++;
      } else {
        failures++;
        consecutive = 0;
      }
      await res?.arrayBuffer();
      return consecutive >= 20;
    }, 60_000, '20 answers in a row after api1 was killed', 0);
    measured.apiKillFirstAnswerMs = String(firstSuccessMs);
    measured.apiKillFailedRequests = String(failures);

    // The whole session path works on the surviving API node.
    const session = await pairedSession(api, freeDevice());
    await exchange(session, 'after the API node died');
    live.push(session);
  });

  it('takes a restarted API node back into rotation', async () => {
    await cluster.nodes.api1.start();
    const listeningAt = Date.now();
    await eventually(async () => {
      const before = await servedBy(cluster.nodes.api1);
      for (let i = 0; i < 10; i++) await api.expect(200, 'GET', '/me');
      return (await servedBy(cluster.nodes.api1)) > before;
    }, 60_000, 'api1 serving requests through the proxy again', 200);
    measured.apiRestartBackInRotationMs = String(Date.now() - listeningAt);
  });

  it('ends a killed relay node\'s sessions relayLost, and puts new sessions on the surviving relay', async () => {
    // Relay 1 the less loaded (1 session against 2), so the API keeps choosing it until it is found dead.
    const on = (n: 1 | 2) => live.filter((s) => s.relayUrl === relayPrefix(n));
    while (on(1).length < 1 || on(2).length < 2) live.push(await pairedSession(api, freeDevice()));
    while (on(1).length > 1) {
      const extra = on(1)[0];
      await api.expect(200, 'POST', `/sessions/${extra.id}/end`);
      release(extra);
      live.splice(live.indexOf(extra), 1);
    }
    const doomed = on(1);
    const survivor = on(2)[0];

    const killedAt = Date.now();
    await cluster.nodes.relay1.kill('SIGKILL');
    // The proxy drops the clients' connections to the dead node at once.
    const closes = (await Promise.all(doomed.flatMap((s) => [s.viewer.closed, s.agent.closed]))).map((closed) => closed.at);
    measured.relayKillSocketsClosedMs = String(Math.max(...closes) - killedAt);
    // Watched from now on, alongside the new sessions below.
    const relayLost = Promise.all(
      doomed.map((session) =>
        eventually(async () => {
          const s = await api.session(session.id);
          return s.state === 'ended' ? { ...s, at: Date.now() } : undefined;
        }, RELAY_NODE_TIMEOUT_SECONDS * 1000 + 30_000, `session ${session.id} ended after its relay died`, 200),
      ),
    );

    // New sessions go to the dead node until it misses its heartbeats (each is ended at once); then to relay 2.
    let misplaced = 0;
    await eventually(async () => {
      const device = freeDevice();
      try {
        const requested = await requestSession(api, device);
        await api.expect(200, 'POST', `/sessions/${requested.id}/end`);
        if (requested.relayUrl === relayPrefix(2)) return true;
        misplaced++;
        await sleep(100);
        return undefined;
      } finally {
        busy.delete(device.deviceId);
      }
    }, RELAY_NODE_TIMEOUT_SECONDS * 1000 + 30_000, 'a new session placed on the surviving relay', 0);
    measured.relayKillNewSessionsOnSurvivorMs = String(Date.now() - killedAt);
    measured.relayKillSessionsPlacedOnDeadNode = String(misplaced);
    const fresh = await pairedSession(api, freeDevice());
    expect(fresh.relayUrl).toBe(relayPrefix(2));
    await exchange(fresh, 'on the surviving relay');

    const ended = await relayLost;
    for (const [i, session] of doomed.entries()) {
      expect(ended[i]).toMatchObject({ state: 'ended', endReason: 'relayLost' });
      release(session);
      live.splice(live.indexOf(session), 1);
    }
    measured.relayKillSessionsRelayLostMs = String(Math.max(...ended.map((e) => e.at)) - killedAt);

    // The surviving relay's session never noticed.
    await exchange(survivor, 'survivor after relay 1 died');
    expect((await api.session(survivor.id)).state).toBe('active');
    live.push(fresh);
  });

  it('keeps an audit chain that verifies, with every session start and end recorded', async () => {
    for (const session of live) await api.expect(200, 'POST', `/sessions/${session.id}/end`);
    const result = await eventually(async () => {
      const verified = await api.expect<{ valid: boolean }>(200, 'GET', '/audit-records/verify');
      return verified.valid ? verified : undefined;
    }, 30_000, 'the audit chain verifies', 500);
    expect(result.valid).toBe(true);
    const ended = await api.expect<{ value: unknown[] }>(200, 'GET', '/audit-records?type=sessionEnded&top=100');
    const sessions = await api.expect<{ value: { state: string }[] }>(200, 'GET', '/sessions?top=100');
    expect(sessions.value.every((s) => s.state === 'ended')).toBe(true);
    expect(ended.value).toHaveLength(sessions.value.length);
  });

  it('stops every node by its PID', async () => {
    const pids = Object.values(cluster.nodes).map((node) => node?.pid as number);
    await cluster.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  }, 120_000);
});

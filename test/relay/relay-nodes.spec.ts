import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RelayAuditor } from '../../src/relay/relay-auditor';
import { RelayGateway } from '../../src/relay/relay-gateway';
import { RelayNode } from '../../src/relay/relay-node.service';
import { RunningRelay } from '../../src/relay/standalone/start-relay-server';
import { SessionLifecycleService } from '../../src/sessions/session-lifecycle.service';
import { TicketsService } from '../../src/sessions/tickets/tickets.service';
import { auditRecords, connect, createSession, mintTicket, RelayHost, RelayTestApp, sessionRow, startRelayTestApp, startStandaloneRelay, verifiedAuditChain, waitFor } from './support/relay-fixture';

const NODE_TIMEOUT_SECONDS = 3;
/** The module object itself (an `import * as` would be a copy), so a spy sees every caller. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');

describe('relay nodes', () => {
  let api: RelayTestApp;
  let relay: RunningRelay & RelayHost;

  beforeAll(async () => {
    api = await startRelayTestApp({ RELAY_NODE_TIMEOUT_SECONDS: String(NODE_TIMEOUT_SECONDS) });
    const unusedSigningKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    relay = await startStandaloneRelay(api.databaseUrl, { TICKET_SIGNING_KEY: unusedSigningKey });
  });

  afterAll(async () => {
    await relay?.stop();
    await api?.close();
  });

  const nodeRow = async (id: string) =>
    ((await api.dataSource.query('SELECT public_url, heartbeat_at, stopped_at FROM relay_nodes WHERE id = $1', [id])) as { public_url: string; heartbeat_at: Date; stopped_at: Date | null }[])[0];

  /** A session on `host`, with both sides connected and paired. */
  async function pairedOn(host: RelayHost) {
    const session = await createSession(host);
    const [viewerTicket, agentTicket] = [await mintTicket(api, session, 'viewer'), await mintTicket(api, session, 'agent')];
    const viewer = await connect(host.relayUrl, viewerTicket);
    const agent = await connect(host.relayUrl, agentTicket);
    await waitFor(async () => (await sessionRow(api, session.id)).state === 'active', 5000, 'session active');
    return { session, viewer, agent };
  }

  it('registers each relay under the URL it listens on, keeps its id in DATA_DIR, and heart-beats', async () => {
    expect(readFileSync(join(api.config.dataDir, 'relay-node-id'), 'utf8').trim()).toBe(api.nodeId);
    expect(relay.nodeId).not.toBe(api.nodeId);
    for (const host of [api, relay]) expect(await nodeRow(host.nodeId)).toMatchObject({ public_url: host.relayUrl, stopped_at: null });
    const before = (await nodeRow(relay.nodeId)).heartbeat_at.getTime();
    await waitFor(async () => (await nodeRow(relay.nodeId)).heartbeat_at.getTime() > before, 3000, 'a heartbeat');
  });

  it('runs the standalone relay with public keys only, and health endpoints but no API', async () => {
    expect(relay.config.ticketSigningKey).toBeUndefined();
    expect(() => relay.app.get(TicketsService)).toThrow();
    const session = await createSession(relay);
    const [viewerTicket, agentTicket] = [await mintTicket(api, session, 'viewer'), await mintTicket(api, session, 'agent')];
    const privateKeyImports = jest.spyOn(nodeCrypto, 'createPrivateKey');
    try {
      const viewer = await connect(relay.relayUrl, viewerTicket);
      const agent = await connect(relay.relayUrl, agentTicket);
      agent.ws.send(Buffer.from('RFB 003.008\n'));
      await waitFor(() => viewer.bytesReceived() === 12);
      expect(privateKeyImports).not.toHaveBeenCalled();
    } finally {
      privateKeyImports.mockRestore();
    }
    for (const path of ['/healthz', '/readyz']) expect((await fetch(`${relay.url}${path}`)).status).toBe(200);
    for (const path of ['/api/v1/me', '/api/v1/audit-records', '/graphql']) expect((await fetch(`${relay.url}${path}`)).status).toBe(404);
  });

  it('turns away, with 429 before any ticket is read, an address that keeps presenting bad tickets', async () => {
    const strict = await startStandaloneRelay(api.databaseUrl, { TICKET_FAILURES_PER_MINUTE: '2' });
    try {
      for (let i = 0; i < 2; i++) expect(await (await connect(strict.relayUrl, 'forged')).closed).toEqual({ code: 4401, reason: 'malformed' });
      const session = await createSession(strict);
      const goodTicket = await mintTicket(api, session, 'viewer');
      await expect(connect(strict.relayUrl, goodTicket)).rejects.toThrow('HTTP 429');
      const [{ consumed }] = (await api.dataSource.query('SELECT count(consumed_at)::int AS consumed FROM session_tickets WHERE session_id = $1', [session.id])) as { consumed: number }[];
      expect(consumed).toBe(0);
    } finally {
      await strict.stop();
    }
  });

  it('closes both sockets within a second when another instance ends the session', async () => {
    const { session, viewer, agent } = await pairedOn(api);
    const started = Date.now();
    await relay.app.get(SessionLifecycleService).end(session.id, 'endedByAdministrator', 'admin');
    expect(await Promise.all([viewer.closed, agent.closed])).toEqual([
      { code: 4000, reason: 'endedByAdministrator' },
      { code: 4000, reason: 'endedByAdministrator' },
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await sessionRow(api, session.id)).endReason).toBe('endedByAdministrator');
  });

  it('on restart ends what its previous run left open, and on a graceful stop ends its sessions and deregisters', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rcgate-relay-restart-'));
    const nodeId = randomUUID();
    writeFileSync(join(dataDir, 'relay-node-id'), `${nodeId}\n`);
    const previous = { nodeId, relayUrl: 'ws://127.0.0.1:1/relay/v1/connect', dataSource: api.dataSource } as RelayHost;
    const wasActive = await createSession(previous, { state: 'active', startedAt: new Date() });
    const wasWaiting = await createSession(previous);
    await mintTicket(api, wasWaiting, 'viewer');
    await api.dataSource.query('UPDATE session_tickets SET consumed_at = now() WHERE session_id = $1', [wasWaiting.id]);
    const notJoined = await createSession(previous);
    const tickets = { viewer: await mintTicket(api, notJoined, 'viewer'), agent: await mintTicket(api, notJoined, 'agent') };

    const restarted = await startStandaloneRelay(api.databaseUrl, { DATA_DIR: dataDir });
    try {
      expect(restarted.nodeId).toBe(nodeId);
      for (const id of [wasActive.id, wasWaiting.id]) expect(await sessionRow(api, id)).toMatchObject({ state: 'ended', endReason: 'relayLost' });
      expect((await auditRecords(api, 'sessionEnded', wasActive.id))[0].actor).toBe('system');
      expect((await sessionRow(api, notJoined.id)).state).toBe('ready');

      const viewer = await connect(restarted.relayUrl, tickets.viewer);
      const agent = await connect(restarted.relayUrl, tickets.agent);
      agent.ws.send(Buffer.from('abc'));
      await waitFor(() => viewer.bytesReceived() === 3);
      await waitFor(async () => (await sessionRow(api, notJoined.id)).state === 'active');
      await restarted.stop();
      expect(await Promise.all([viewer.closed, agent.closed])).toEqual([
        { code: 4000, reason: 'relayLost' },
        { code: 4000, reason: 'relayLost' },
      ]);
    } finally {
      await restarted.stop();
    }
    expect(await sessionRow(api, notJoined.id)).toMatchObject({ state: 'ended', endReason: 'relayLost', bytesFromAgent: '3' });
    expect((await nodeRow(nodeId)).stopped_at).not.toBeNull();
  });

  it('ends relayLost, from a sweeping API node, the sessions of a relay that died without stopping', async () => {
    const { session, viewer } = await pairedOn(relay);
    // The relay process dies: no heartbeat, no database, no sockets, nothing recorded on its way out.
    relay.app.get(RelayNode).stopHeartbeat();
    await relay.dataSource.destroy();
    for (const ws of relay.app.get(RelayGateway).connections()) ws.terminate();
    relay.app.getHttpServer().close();
    await viewer.closed;
    expect((await sessionRow(api, session.id)).state).toBe('active');

    // Dead once its last heartbeat is NODE_TIMEOUT old, found by a later sweep (how much later is the benchmarks' business).
    await waitFor(async () => (await sessionRow(api, session.id)).state === 'ended', NODE_TIMEOUT_SECONDS * 1000 + 20_000, 'relayLost');
    expect((await sessionRow(api, session.id)).endReason).toBe('relayLost');
    expect((await auditRecords(api, 'sessionEnded', session.id))[0]).toMatchObject({ actor: 'system', details: { endReason: 'relayLost', previousState: 'active' } });
    // The dead relay's own attempts to record the end are still retrying against its closed pool; let them run out.
    await relay.stop();
    await waitFor(() => relay.app.get(RelayAuditor).pendingWrites === 0, 15_000, 'the dead relay to give up');
  });

  it('leaves an audit chain that verifies', async () => {
    expect(await verifiedAuditChain(api)).toMatchObject({ valid: true, firstBrokenSeq: null });
  });
});

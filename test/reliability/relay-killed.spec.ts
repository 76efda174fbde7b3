import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fixtures } from '../support/fixtures';
import { SpawnedServer, spawnServer } from '../support/spawn-server';
import { startTestApp, TestApp } from '../support/test-app';
import { auditRecords, verifiedAuditChain, waitFor } from '../relay/support/relay-fixture';
import { Api, auditCounts, exchange, pairedSession, stateOf, UNATTENDED_FULL_CONTROL } from './support/sessions-flow';

const NODE_TIMEOUT_SECONDS = 3;

describe('a standalone relay process killed with SIGKILL', () => {
  let t: TestApp;
  let api: Api;
  let agents: { deviceId: string; deviceToken: string }[];
  const relays: SpawnedServer[] = [];

  /** `rcgate relay` on the API's database, registered and heart-beating; returns it with its node id. */
  async function spawnRelay(): Promise<{ relay: SpawnedServer; nodeId: string }> {
    const relay = await spawnServer(
      { DATABASE_URL: t.databaseUrl, DATA_DIR: mkdtempSync(join(tmpdir(), 'rcgate-relay-')), RELAY_PORT: '0', RELAY_NODE_TIMEOUT_SECONDS: String(NODE_TIMEOUT_SECONDS), LOG_LEVEL: 'warn' },
      60_000,
      'relay',
    );
    relays.push(relay);
    const publicUrl = `${relay.url.replace(/^http/, 'ws')}/relay/v1/connect`;
    let nodeId = '';
    await waitFor(async () => {
      const rows = (await t.dataSource.query('SELECT id FROM relay_nodes WHERE public_url = $1 AND stopped_at IS NULL', [publicUrl])) as { id: string }[];
      nodeId = rows[0]?.id ?? '';
      return nodeId !== '';
    }, 10_000, 'the relay registered');
    return { relay, nodeId };
  }

  const relayOf = async (sessionId: string) => ((await t.dataSource.query('SELECT relay_node_id FROM sessions WHERE id = $1', [sessionId])) as { relay_node_id: string }[])[0].relay_node_id;

  beforeAll(async () => {
    // An API node without a relay of its own: every session goes through a relay process.
    t = await startTestApp({ RCGATE_ROLE: 'api', RELAY_NODE_TIMEOUT_SECONDS: String(NODE_TIMEOUT_SECONDS) });
    api = { baseUrl: await t.listen(), adminToken: t.adminToken };
    const f = new Fixtures(t);
    await f.site('S01');
    await f.settings(UNATTENDED_FULL_CONTROL, 'all-systems', 100);
    agents = [await f.agent('KILL-1'), await f.agent('KILL-2')];
  }, 60_000);

  afterAll(async () => {
    for (const relay of relays) if (relay.process.exitCode === null && relay.process.signalCode === null) await relay.stop();
    await t?.close();
  });

  it('its sessions end relayLost by the API node sweeper, both clients are closed, and a new session works through a live relay', async () => {
    const doomed = await spawnRelay();
    const lost = await pairedSession(api, t.dataSource, agents[0]);
    expect(await relayOf(lost.id)).toBe(doomed.nodeId);
    await exchange(lost);
    const survivor = await spawnRelay();

    const killedAt = Date.now();
    expect(await doomed.relay.stop('SIGKILL')).toBeNull();
    // The kernel closes a dead process's sockets: both clients see the connection go, with no close frame.
    const [viewerClosed, agentClosed] = await Promise.all([lost.viewer.closed, lost.agent.closed]);
    expect(viewerClosed.code).toBe(1006);
    expect(agentClosed.code).toBe(1006);
    // Nothing recorded it on the way out: the row says active until the API node's sweeper finds the node dead.
    expect((await stateOf(t.dataSource, lost.id)).state).toBe('active');

    await waitFor(async () => (await stateOf(t.dataSource, lost.id)).state === 'ended', NODE_TIMEOUT_SECONDS * 1000 + 10_000, 'relayLost');
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(NODE_TIMEOUT_SECONDS * 1000 - 1500);
    expect(await stateOf(t.dataSource, lost.id)).toEqual({ state: 'ended', endReason: 'relayLost' });
    const ended = await auditRecords(t, 'sessionEnded', lost.id);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ actor: 'system', details: { endReason: 'relayLost', previousState: 'active' } });

    const next = await pairedSession(api, t.dataSource, agents[1]);
    expect(await relayOf(next.id)).toBe(survivor.nodeId);
    await exchange(next, 64 * 1024);
    next.viewer.ws.close(1000);
    await waitFor(async () => (await stateOf(t.dataSource, next.id)).state === 'ended', 10_000, 'the new session ended');
    expect(await stateOf(t.dataSource, next.id)).toEqual({ state: 'ended', endReason: 'viewerClosed' });

    for (const id of [lost.id, next.id]) expect(await auditCounts(t.dataSource, id)).toEqual({ sessionRequested: 1, ticketIssued: 2, sessionStarted: 1, sessionEnded: 1 });
    expect(await verifiedAuditChain(t)).toMatchObject({ valid: true, firstBrokenSeq: null });
  }, 120_000);
});

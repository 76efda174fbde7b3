import WebSocket from 'ws';
import { auditRecords, connect, createSession, mintTicket, RelayClient, RelayTestApp, sessionRow, startRelayTestApp, waitFor } from '../relay/support/relay-fixture';
import { bearer } from '../support/test-app';

const LIMIT = 3;

interface Refusal {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Tries a WebSocket upgrade; resolves with the open socket, or with the HTTP answer that refused it. */
function upgrade(url: string, protocols: string[], localAddress = '127.0.0.1'): Promise<{ ws: WebSocket } | { refused: Refusal }> {
  const ws = new WebSocket(url, protocols, { perMessageDeflate: false, localAddress });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ refused: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() } }));
    });
    ws.once('error', reject);
  });
}

/** A graphql-transport-ws connection, acknowledged (so the server holds it open). */
async function subscriptionSocket(graphqlUrl: string, token: string, localAddress?: string): Promise<WebSocket> {
  const result = await upgrade(graphqlUrl, ['graphql-transport-ws'], localAddress);
  if (!('ws' in result)) throw new Error(`subscription upgrade refused: ${result.refused.status}`);
  const { ws } = result;
  const acked = new Promise<void>((resolve) => ws.on('message', (data: Buffer) => JSON.parse(data.toString()).type === 'connection_ack' && resolve()));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await acked;
  return ws;
}

function expectLimitRefusal(result: { ws: WebSocket } | { refused: Refusal }, instance: string): void {
  if ('ws' in result) {
    result.ws.terminate();
    throw new Error('the upgrade past the limit was accepted');
  }
  const { status, headers, body } = result.refused;
  expect(status).toBe(429);
  expect(headers['retry-after']).toMatch(/^[1-9]\d*$/);
  expect(headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(body)).toMatchObject({ status: 429, code: 'tooManyRequests', instance, detail: expect.stringContaining(`${LIMIT} WebSocket connections`) });
}

describe('WebSocket connections per source address (WS_CONNECTIONS_PER_ADDRESS)', () => {
  let t: RelayTestApp;
  let graphqlUrl: string;
  const open: WebSocket[] = [];

  beforeAll(async () => {
    t = await startRelayTestApp({ WS_CONNECTIONS_PER_ADDRESS: String(LIMIT) });
    graphqlUrl = t.relayUrl.replace('/relay/v1/connect', '/graphql');
  });
  afterAll(async () => {
    for (const ws of open) ws.terminate();
    await t.close();
  });

  it('counts relay and subscription sockets together, refuses the next upgrade with 429, and frees a slot when one closes', async () => {
    const a = await createSession(t);
    const b = await createSession(t);
    const viewerA: RelayClient = await connect(t.relayUrl, await mintTicket(t, a, 'viewer'));
    const agentB: RelayClient = await connect(t.relayUrl, await mintTicket(t, b, 'agent'));
    const subscription = await subscriptionSocket(graphqlUrl, t.adminToken);
    open.push(viewerA.ws, agentB.ws, subscription);

    // A fourth, on either endpoint, is refused before any handler sees it: B's viewer ticket is not spent.
    const viewerBTicket = await mintTicket(t, b, 'viewer');
    expectLimitRefusal(await upgrade(t.relayUrl, ['rcgate.v1', `rcgate.ticket.${viewerBTicket}`]), '/relay/v1/connect');
    expectLimitRefusal(await upgrade(graphqlUrl, ['graphql-transport-ws']), '/graphql');
    expect(await auditRecords(t, 'ticketRejected')).toEqual([]);
    expect((await sessionRow(t, b.id)).state).toBe('ready');

    const metrics = (await t.http().get('/metrics').set(bearer(t.adminToken)).expect(200)).text;
    expect(metrics).toMatch(/^rcgate_websocket_upgrades_refused_total 2$/m);
    expect(metrics).toMatch(new RegExp(`^rcgate_websocket_connections ${LIMIT}$`, 'm'));

    // Closing the subscription releases its slot: B's viewer now joins with the very ticket refused above.
    subscription.close();
    let viewerB: RelayClient | undefined;
    await waitFor(async () => {
      viewerB = await connect(t.relayUrl, viewerBTicket).catch(() => undefined);
      return viewerB !== undefined;
    }, 10_000, 'a slot to free up');
    open.push(viewerB!.ws);
    await waitFor(async () => (await sessionRow(t, b.id)).state === 'active', 5000, 'session B to pair');
    agentB.ws.send(Buffer.from('hello'));
    await waitFor(() => viewerB!.bytesReceived() === 5, 5000, 'bytes through the relay');
  });

  it('does not hold one address against another (127.0.0.2 connects while 127.0.0.1 is at the limit)', async () => {
    // 127.0.0.1 still holds LIMIT sockets from the test above.
    expectLimitRefusal(await upgrade(graphqlUrl, ['graphql-transport-ws']), '/graphql');
    const other = await subscriptionSocket(graphqlUrl, t.adminToken, '127.0.0.2');
    open.push(other);
    expect(other.readyState).toBe(WebSocket.OPEN);
  });

  it('releases every slot when the sockets close', async () => {
    for (const ws of open.splice(0)) ws.close();
    await waitFor(async () => /^rcgate_websocket_connections 0$/m.test((await t.http().get('/metrics').set(bearer(t.adminToken))).text), 10_000, 'all slots released');
    const again = await Promise.all(Array.from({ length: LIMIT }, () => subscriptionSocket(graphqlUrl, t.adminToken)));
    open.push(...again);
    expectLimitRefusal(await upgrade(graphqlUrl, ['graphql-transport-ws']), '/graphql');
  });
});

import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { RunningRelay } from '../../src/relay/standalone/start-relay-server';
import { startTestApp, TestApp } from '../support/test-app';
import { RelayTestApp, startRelayTestApp, startStandaloneRelay } from '../relay/support/relay-fixture';

/** The first line a WebSocket upgrade to `path` gets, or 'no answer' when the node leaves it hanging. */
function upgradeStatusLine(base: string, path: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = connect(Number(port), hostname, () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    const timer = setTimeout(() => { socket.destroy(); resolve('no answer'); }, 3_000);
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (!reply.includes('\r\n')) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply.split('\r\n', 1)[0]);
    });
    socket.on('error', reject);
  });
}

const httpBase = (wsUrl: string) => wsUrl.replace(/^ws/, 'http').replace(/\/relay\/v1\/connect$/, '');

describe('WebSocket upgrades to paths a node does not serve are answered 404, never left hanging', () => {
  let all: RelayTestApp;
  let apiOnly: TestApp;
  let relay: RunningRelay & { relayUrl: string };
  let apiOnlyBase: string;

  beforeAll(async () => {
    all = await startRelayTestApp();
    apiOnly = await startTestApp({ RCGATE_ROLE: 'api' }, { databaseUrl: all.databaseUrl, adminToken: all.adminToken });
    apiOnlyBase = await apiOnly.listen();
    relay = await startStandaloneRelay(all.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    await apiOnly?.close();
    await all?.close();
  });

  it.each([
    ['an API node with its relay (RCGATE_ROLE=all)', () => httpBase(all.relayUrl), ['/nope', '/api/v1/me', '/relay/v2/connect', '/graphqlx']],
    ['an API-only node (RCGATE_ROLE=api): no relay here', () => apiOnlyBase, ['/nope', '/relay/v1/connect']],
    ['a standalone relay node: no GraphQL here', () => httpBase(relay.relayUrl), ['/nope', '/graphql', '/api/v1/me']],
  ])('%s', async (_node, base, paths) => {
    for (const path of paths) expect([path, await upgradeStatusLine(base(), path)]).toEqual([path, 'HTTP/1.1 404 Not Found']);
  });

  it('still upgrades what each node serves', async () => {
    expect(await upgradeStatusLine(apiOnlyBase, '/graphql')).toBe('HTTP/1.1 101 Switching Protocols');
    // The relay asks for a ticket: a refusal from the relay itself, not the 404 of an unserved path.
    for (const base of [httpBase(all.relayUrl), httpBase(relay.relayUrl)]) expect(await upgradeStatusLine(base, '/relay/v1/connect')).not.toMatch(/404|no answer/);
  });
});

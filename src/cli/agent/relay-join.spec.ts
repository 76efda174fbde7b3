import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { WebSocketServer } from 'ws';
import { silentLog } from './agent-log';
import { Backoff } from './backoff';
import { joinRelay } from './relay-join';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const quickBackoff = () => new Backoff({ initialMs: 50, maxMs: 200, jitter: 0 });

describe('the agent joining the relay', () => {
  it('keeps trying while the relay is down, and joins once it is back', async () => {
    const port = await freePort();
    let relay: WebSocketServer | undefined;
    setTimeout(() => (relay = new WebSocketServer({ host: '127.0.0.1', port, handleProtocols: () => 'rcgate.v1' })), 400);
    const joined = await joinRelay({ ticket: 't', relayUrl: `ws://127.0.0.1:${port}/relay/v1/connect` }, silentLog, () => false, quickBackoff());
    expect(joined.ws.protocol).toBe('rcgate.v1');
    joined.ws.close();
    await new Promise((resolve) => relay?.close(resolve));
  });

  it('gives up on a refused ticket at once', async () => {
    const relay = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: (_, done) => done(false, 401) });
    await once(relay, 'listening');
    const started = Date.now();
    const url = `ws://127.0.0.1:${(relay.address() as AddressInfo).port}/relay/v1/connect`;
    await expect(joinRelay({ ticket: 't', relayUrl: url }, silentLog, () => false, quickBackoff())).rejects.toMatchObject({ status: 401 });
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => relay.close(resolve));
  });

  it('gives up when the ticket expires, or when the agent stops', async () => {
    const url = `ws://127.0.0.1:${await freePort()}/relay/v1/connect`;
    const expiresAt = new Date(Date.now() + 500).toISOString();
    await expect(joinRelay({ ticket: 't', relayUrl: url, expiresAt }, silentLog, () => false, quickBackoff())).rejects.toThrow(/relay/);
    await expect(joinRelay({ ticket: 't', relayUrl: url }, silentLog, () => true, quickBackoff())).rejects.toThrow(/relay/);
  });
});

import { once } from 'node:events';
import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { bridgeStreams } from './stream-bridge';

const MiB = 1024 * 1024;
const waitFor = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A relay stand-in (real ws server) and a local TCP pair: `local` is the client program's end, `bridged` the bridge's end. */
async function harness(onRelaySide: (ws: WebSocket) => void = () => undefined) {
  const relay = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(relay, 'listening');
  const relaySide = new Promise<WebSocket>((resolve) => relay.once('connection', (ws) => (onRelaySide(ws), resolve(ws))));
  const ws = new WebSocket(`ws://127.0.0.1:${(relay.address() as AddressInfo).port}`, { perMessageDeflate: false });
  ws.on('error', () => undefined);
  await once(ws, 'open');
  const tcp: Server = createServer();
  tcp.listen(0, '127.0.0.1');
  await once(tcp, 'listening');
  const accepted = once(tcp, 'connection') as Promise<[Socket]>;
  const local = connect((tcp.address() as AddressInfo).port, '127.0.0.1');
  const [bridged] = await accepted;
  const close = async () => {
    local.destroy();
    bridged.destroy();
    ws.terminate();
    relay.clients.forEach((client) => client.terminate());
    await new Promise((resolve) => relay.close(resolve));
    await new Promise((resolve) => tcp.close(resolve));
  };
  return { ws, relaySide: await relaySide, local, bridged, close };
}

const chunkOf = (size: number, seed: number) => Buffer.alloc(size, seed % 251);

describe('the stream bridge (relay WebSocket ⇄ local TCP)', () => {
  it('carries bytes both ways unchanged, held early frames first, and counts them', async () => {
    const h = await harness((ws) => ws.on('message', (data: Buffer) => ws.send(data, { binary: true })));
    const bridge = bridgeStreams(h.ws, h.bridged, { early: [Buffer.from('RFB 003.008\n')] });
    let received = Buffer.alloc(0);
    h.local.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    const payload = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    h.local.write(payload);
    await waitFor(() => received.length === 12 + payload.length);
    expect(received.subarray(0, 12).toString()).toBe('RFB 003.008\n');
    expect(received.subarray(12).equals(payload)).toBe(true);
    expect(bridge.bytesToRelay).toBe(payload.length);
    expect(bridge.bytesFromRelay).toBe(12 + payload.length);
    await h.close();
  });

  it('stops reading the relay while the local client does not read, and catches up when it does', async () => {
    const total = 48 * MiB;
    const h = await harness();
    h.local.pause();
    const bridge = bridgeStreams(h.ws, h.bridged);
    for (let sent = 0, i = 0; sent < total; sent += 64 * 1024, i++) h.relaySide.send(chunkOf(64 * 1024, i), { binary: true });
    await waitFor(() => h.ws.isPaused);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heldBack = bridge.bytesFromRelay;
    expect(heldBack).toBeLessThan(total / 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bridge.bytesFromRelay).toBe(heldBack);
    let read = 0;
    h.local.on('data', (chunk: Buffer) => (read += chunk.length));
    h.local.resume();
    await waitFor(() => read === total, 30_000);
    expect(bridge.bytesFromRelay).toBe(total);
    expect(h.ws.isPaused).toBe(false);
    await h.close();
  });

  it('stops reading the local client while the relay does not read, and catches up when it does', async () => {
    let relayReceived = 0;
    const h = await harness((ws) => {
      ws.on('message', (data: Buffer) => (relayReceived += data.length));
      ws.pause();
    });
    const highWaterMark = 256 * 1024;
    const bridge = bridgeStreams(h.ws, h.bridged, { highWaterMark });
    const total = 48 * MiB;
    const block = chunkOf(MiB, 1);
    let written = 0;
    const writeMore = () => {
      while (written < total) {
        written += block.length;
        if (!h.local.write(block)) return void h.local.once('drain', writeMore);
      }
    };
    writeMore();
    await waitFor(() => h.bridged.isPaused());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentWhilePaused = bridge.bytesToRelay;
    expect(sentWhilePaused).toBeLessThan(total / 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bridge.bytesToRelay).toBe(sentWhilePaused);
    h.relaySide.resume();
    await waitFor(() => relayReceived === total, 30_000);
    expect(bridge.bytesToRelay).toBe(total);
    await h.close();
  });

  it('reports the relay close code and reason and closes the local connection', async () => {
    const h = await harness();
    const bridge = bridgeStreams(h.ws, h.bridged);
    const localClosed = once(h.local, 'close');
    h.relaySide.close(4000, 'endedByAdministrator');
    await expect(bridge.ended).resolves.toMatchObject({ endedBy: 'relay', code: 4000, reason: 'endedByAdministrator' });
    await localClosed;
    await h.close();
  });

  it('closes the relay socket normally when the local client leaves, after delivering what it sent', async () => {
    let relayReceived = '';
    const h = await harness((ws) => ws.on('message', (data: Buffer) => (relayReceived += data.toString())));
    const relayClosed = new Promise<[number, string]>((resolve) => h.relaySide.once('close', (code: number, reason: Buffer) => resolve([code, reason.toString()])));
    const bridge = bridgeStreams(h.ws, h.bridged);
    h.local.end('goodbye');
    await expect(bridge.ended).resolves.toMatchObject({ endedBy: 'local', code: 1000 });
    expect((await relayClosed)[0]).toBe(1000);
    expect(relayReceived).toBe('goodbye');
    await h.close();
  });

  it('close() ends both sides with the given code (agent shutdown)', async () => {
    const h = await harness();
    const relayClosed = new Promise<number>((resolve) => h.relaySide.once('close', (code: number) => resolve(code)));
    const bridge = bridgeStreams(h.ws, h.bridged);
    bridge.close(1000, 'agentShutdown');
    await expect(bridge.ended).resolves.toMatchObject({ endedBy: 'bridge' });
    expect(await relayClosed).toBe(1000);
    await h.close();
  });
});

import { once } from 'node:events';
import { AddressInfo, connect as tcpConnect, createServer, Server } from 'node:net';
import { CliProcess, localPortOf, startAgent, startConnect } from './support/cli-process';
import { eventually } from './support/e2e-guard';
import { prepareFleet, RcgateServer, startRcgate } from './support/rcgate-server';
import { RecordingRfbServer } from './support/recording-rfb-server';
import { RfbClient } from './support/rfb-client';

jest.setTimeout(180_000);

const KEY_A = 0x61;

describe('view-only sessions through rcgate connect (a recording RFB server as the device)', () => {
  let server: RcgateServer;
  let recorder: RecordingRfbServer;
  let agent: CliProcess;
  let rdp: Server;

  beforeAll(async () => {
    server = await startRcgate();
    const enrollmentKey = await prepareFleet(server.api, { manageRemoteDesktop: true, allowPermittedViewersRemoteDesktop: true });
    recorder = new RecordingRfbServer();
    const port = await recorder.start();
    rdp = createServer((socket) => socket.pipe(socket)).listen(0, '127.0.0.1');
    await once(rdp, 'listening');
    const rdpTarget = `127.0.0.1:${(rdp.address() as AddressInfo).port}`;
    ({ agent } = await startAgent({ server: server.url, enrollmentKey, name: 'REC-DESK', target: `127.0.0.1:${port}`, rdpTarget }));
  });

  afterAll(async () => {
    await agent?.stop();
    await recorder?.stop();
    await new Promise((resolve) => rdp?.close(resolve));
    await server?.stop();
  });

  /** Sends a key press and release and a click, then a FramebufferUpdateRequest; its answer proves everything before it went through the relay. */
  async function typeAndClick(args: string[]): Promise<RfbClient> {
    recorder.messages.length = 0;
    const connect = startConnect(server.url, server.adminToken, ['REC-DESK', ...args]);
    const rfb = await RfbClient.connect(await localPortOf(connect));
    await rfb.handshake();
    rfb.keyEvent(true, KEY_A);
    rfb.keyEvent(false, KEY_A);
    rfb.pointerEvent(1, 10, 20);
    rfb.pointerEvent(0, 10, 20);
    expect(await rfb.fullUpdate()).toBe(1);
    await rfb.close();
    expect(await connect.exited).toBe(0);
    return rfb;
  }

  it('in a view-only session, keys and pointer never reach the device, while screen updates flow', async () => {
    await typeAndClick(['--view-only']);
    expect(recorder.typesReceived()).toEqual([3]);
  });

  it('in a full-control session, the same keys and pointer arrive byte for byte', async () => {
    await typeAndClick([]);
    expect(recorder.typesReceived()).toEqual([4, 4, 5, 5, 3]);
    expect(recorder.messages[0].bytes).toEqual(Buffer.from([4, 1, 0, 0, 0, 0, 0, KEY_A]));
    expect(recorder.messages[2].bytes).toEqual(Buffer.from([5, 1, 0, 10, 0, 20]));
  });

  it('one agent carries several sessions at once (a full-control session with a view-only one beside it)', async () => {
    const full = startConnect(server.url, server.adminToken, ['REC-DESK']);
    const fullViewer = await RfbClient.connect(await localPortOf(full));
    await fullViewer.handshake();
    const watcher = startConnect(server.url, server.adminToken, ['REC-DESK', '--view-only']);
    const watchingViewer = await RfbClient.connect(await localPortOf(watcher));
    await watchingViewer.handshake();
    try {
      expect(await fullViewer.fullUpdate()).toBe(1);
      expect(await watchingViewer.fullUpdate()).toBe(1);
      // The relay records "active" just after pairing, so look until it has.
      const activeLevels = async () => (await server.api.expect<{ value: { accessLevel: string }[] }>(200, 'GET', '/sessions?state=active')).value.map((session) => session.accessLevel).sort();
      expect(await eventually(activeLevels, ['fullControl', 'viewOnly'])).toEqual(['fullControl', 'viewOnly']);
    } finally {
      await Promise.all([fullViewer.close(), watchingViewer.close()]);
    }
    expect(await full.exited).toBe(0);
    expect(await watcher.exited).toBe(0);
  });

  it('Remote Desktop goes to the RDP target (here an echo server), not to VNC', async () => {
    const connect = startConnect(server.url, server.adminToken, ['REC-DESK', '--type', 'remoteDesktop']);
    const port = Number((await connect.waitFor(/Point your RDP client at 127\.0\.0\.1:(\d+)/))[1]);
    const client = tcpConnect(port, '127.0.0.1');
    let echoed = '';
    client.on('data', (chunk: Buffer) => (echoed += chunk.toString('latin1')));
    client.write('\x03\x00\x00\x13 an RDP connection request');
    const deadline = Date.now() + 10_000;
    while (!echoed.includes('RDP connection request') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(echoed).toBe('\x03\x00\x00\x13 an RDP connection request');
    client.end();
    expect(await connect.exited).toBe(0);
  });
});

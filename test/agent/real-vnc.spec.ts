import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CliProcess, localPortOf, startAgent, startConnect } from './support/cli-process';
import { describeWithX, sleep } from './support/e2e-guard';
import { prepareFleet, RcgateServer, startRcgate } from './support/rcgate-server';
import { RfbClient } from './support/rfb-client';
import { startXDesktop, XDesktop } from './support/x-desktop';

jest.setTimeout(180_000);

describeWithX()('rcgate agent and rcgate connect with a real VNC server (Xvfb + x11vnc)', () => {
  let server: RcgateServer;
  let desktop: XDesktop;
  let agent: CliProcess;
  let deviceId: string;
  let stateDir: string;

  beforeAll(async () => {
    server = await startRcgate();
    const enrollmentKey = await prepareFleet(server.api);
    desktop = await startXDesktop('red');
    ({ agent, deviceId, stateDir } = await startAgent({ server: server.url, enrollmentKey, name: 'VNC-DESK', target: `127.0.0.1:${desktop.vncPort}` }));
  });

  afterAll(async () => {
    await agent?.stop();
    await desktop?.stop();
    await server?.stop();
  });

  it('enrols once and keeps its identity readable by its user only', () => {
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(stateDir, 'agent.json')).mode & 0o777).toBe(0o600);
  });

  it('tunnels a real RFB handshake and framebuffer update; the relay counts exactly the bytes the viewer exchanged', async () => {
    const connect = startConnect(server.url, server.adminToken, ['VNC-DESK', '--reason', 'e2e: real VNC']);
    const rfb = await RfbClient.connect(await localPortOf(connect));
    const init = await rfb.handshake();
    expect(init).toMatchObject({ width: 640, height: 480, bitsPerPixel: 32 });
    expect(await rfb.fullUpdate()).toBeGreaterThan(0);
    await sleep(500);
    expect(rfb.unread).toBe(0);
    await rfb.close();

    expect(await connect.exited).toBe(0);
    expect(connect.stderr).toMatch(/awaiting|is ready/);
    expect(connect.stderr).toMatch(/session ended: viewerClosed/);
    const latest = await server.api.latestSession(deviceId);
    const session = await server.api.sessionEnded(latest?.id ?? 'missing');
    expect(session.endReason).toBe('viewerClosed');
    expect(session.bytesFromViewer).toBe(rfb.bytesSent);
    expect(session.bytesFromAgent).toBe(rfb.bytesReceived);
  });

  it('finds the device as SITE\\NAME and by id too', async () => {
    for (const name of ['S01\\VNC-DESK', deviceId]) {
      const connect = startConnect(server.url, server.adminToken, [name, '--view-only']);
      const rfb = await RfbClient.connect(await localPortOf(connect));
      await rfb.handshake();
      await rfb.close();
      expect(await connect.exited).toBe(0);
    }
  });

  it('runs --exec with the local address substituted', async () => {
    const connect = startConnect(server.url, server.adminToken, ['VNC-DESK', '--exec', 'echo "client for {host} port {port}"']);
    const port = await localPortOf(connect);
    await connect.waitFor(new RegExp(`client for 127\\.0\\.0\\.1 port ${port}`));
    const rfb = await RfbClient.connect(port);
    await rfb.handshake();
    await rfb.close();
    expect(await connect.exited).toBe(0);
  });
});

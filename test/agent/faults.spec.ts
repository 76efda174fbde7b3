import { CliProcess, localPortOf, startAgent, startConnect } from './support/cli-process';
import { eventually } from './support/e2e-guard';
import { prepareFleet, RcgateServer, startRcgate } from './support/rcgate-server';
import { RecordingRfbServer } from './support/recording-rfb-server';
import { RfbClient } from './support/rfb-client';

jest.setTimeout(240_000);

/**
 * Consent is asked when the device has a logged-on user (here: --user
 * alice), not when it is unattended; CONSENT_TIMEOUT_SECONDS is short.
 */
describe('faults: killed viewers, consent refused or unanswered, agent shutdown, server restart', () => {
  let server: RcgateServer;
  let enrollmentKey: string;
  let recorder: RecordingRfbServer;
  let target: string;
  const agents: CliProcess[] = [];

  beforeAll(async () => {
    server = await startRcgate({ CONSENT_TIMEOUT_SECONDS: '5' });
    enrollmentKey = await prepareFleet(server.api, { promptUserForPermission: true });
    recorder = new RecordingRfbServer();
    target = `127.0.0.1:${await recorder.start()}`;
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.stop()));
    await recorder?.stop();
    await server?.stop();
  });

  async function agentNamed(name: string, options: { user?: string; consent?: string } = {}) {
    const started = await startAgent({ server: server.url, enrollmentKey, name, target, ...options });
    agents.push(started.agent);
    return started;
  }

  /** Connects to `device` and completes the RFB handshake through the tunnel. */
  async function streaming(device: string): Promise<{ connect: CliProcess; rfb: RfbClient }> {
    const connect = startConnect(server.url, server.adminToken, [device]);
    const rfb = await RfbClient.connect(await localPortOf(connect));
    await rfb.handshake();
    expect(await rfb.fullUpdate()).toBe(1);
    return { connect, rfb };
  }

  it('a viewer killed mid-stream ends the session viewerClosed within 5 s', async () => {
    const { deviceId } = await agentNamed('FAULT-KILL');
    const { connect } = await streaming('FAULT-KILL');
    const session = await server.api.latestSession(deviceId);
    expect(await eventually(async () => (await server.api.session(session?.id ?? '')).state, 'active')).toBe('active');
    const killedAt = Date.now();
    await connect.stop('SIGKILL');
    const ended = await server.api.sessionEnded(session?.id ?? '', 5000);
    expect(ended.endReason).toBe('viewerClosed');
    expect(Date.now() - killedAt).toBeLessThan(5000);
  });

  it('a user who denies consent ends the session consentDenied, and connect exits 3', async () => {
    const { deviceId } = await agentNamed('FAULT-DENY', { user: 'alice', consent: 'deny' });
    const connect = startConnect(server.url, server.adminToken, ['FAULT-DENY']);
    expect(await connect.exited).toBe(3);
    expect(connect.stderr).toMatch(/waiting for the user to consent/);
    expect(connect.stderr).toMatch(/session ended: consentDenied/);
    expect((await server.api.latestSession(deviceId))?.endReason).toBe('consentDenied');
  });

  it('a user who does not answer lets the session time out (consentTimeout), and connect exits 3', async () => {
    const { agent, deviceId } = await agentNamed('FAULT-SILENT', { user: 'alice', consent: 'command:sleep 60' });
    const connect = startConnect(server.url, server.adminToken, ['FAULT-SILENT']);
    expect(await connect.exited).toBe(3);
    expect(connect.stderr).toMatch(/awaiting the user's consent… \d s left/);
    expect(connect.stderr).toMatch(/session ended: consentTimeout/);
    expect((await server.api.latestSession(deviceId))?.endReason).toBe('consentTimeout');
    await agent.waitFor(/no answer before the deadline/);
  });

  it('a consent command that grants lets the viewer in after the wait', async () => {
    await agentNamed('FAULT-ASK', { user: 'alice', consent: 'command:test "$RCGATE_VIEWER" = admin && test "$RCGATE_SESSION_TYPE" = remoteControl' });
    const { connect, rfb } = await streaming('FAULT-ASK');
    expect(connect.stderr).toMatch(/the user granted consent/);
    await rfb.close();
    expect(await connect.exited).toBe(0);
  });

  it('SIGTERM makes the agent close its relay sockets (agentClosed) and exit 0', async () => {
    const { agent, deviceId } = await agentNamed('FAULT-TERM');
    const { connect } = await streaming('FAULT-TERM');
    expect(await agent.stop('SIGTERM')).toBe(0);
    expect(await connect.exited).toBe(0);
    expect(connect.stderr).toMatch(/session ended: agentClosed/);
    expect((await server.api.latestSession(deviceId))?.endReason).toBe('agentClosed');
  });

  it('the agent survives a server restart, and the next session works', async () => {
    const { agent } = await agentNamed('FAULT-RESTART');
    await server.stop();
    await agent.waitFor(/offer polling failed/, 30_000);
    await server.start();
    await agent.waitFor(/offer polling resumed/, 90_000);
    const { connect, rfb } = await streaming('FAULT-RESTART');
    await rfb.close();
    expect(await connect.exited).toBe(0);
  });
});

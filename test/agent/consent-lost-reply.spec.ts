import { CliProcess, startAgent, startConnect, localPortOf } from './support/cli-process';
import { eventually } from './support/e2e-guard';
import { LossyProxy } from './support/lossy-proxy';
import { prepareFleet, RcgateServer, startRcgate } from './support/rcgate-server';
import { RecordingRfbServer } from './support/recording-rfb-server';
import { RfbClient } from './support/rfb-client';

jest.setTimeout(120_000);

/**
 * The user clicks "allow", the agent's POST reaches the server, and the reply
 * is lost on the way back. The agent retries the answer with the same
 * Idempotency-Key (replayed, without the ticket), the server offers the
 * session again with a fresh ticket once the first went unused, and the
 * agent joins with it: the administrator gets the desktop, the user is not
 * asked twice.
 */
describe('a consent reply lost on the way back to the agent', () => {
  let server: RcgateServer;
  let proxy: LossyProxy;
  let recorder: RecordingRfbServer;
  let target: string;
  let agent: CliProcess | undefined;
  let connect: CliProcess | undefined;

  beforeAll(async () => {
    server = await startRcgate({ CONSENT_TIMEOUT_SECONDS: '60' });
    recorder = new RecordingRfbServer();
    target = `127.0.0.1:${await recorder.start()}`;
    proxy = new LossyProxy(Number(new URL(server.url).port), /^POST \/api\/v1\/agent\/sessions\/[^/]+\/consent /m);
  });

  afterAll(async () => {
    await connect?.stop();
    await agent?.stop();
    await proxy?.stop();
    await recorder?.stop();
    await server?.stop();
  });

  it('still ends with the viewer on the desktop, the user asked once', async () => {
    const enrollmentKey = await prepareFleet(server.api, { promptUserForPermission: true });
    const started = await startAgent({ server: await proxy.start(), enrollmentKey, name: 'LOST-REPLY', target, user: 'alice', consent: 'grant' });
    agent = started.agent;
    connect = startConnect(server.url, server.adminToken, ['LOST-REPLY']);
    const rfb = await RfbClient.connect(await localPortOf(connect, 90_000));
    await rfb.handshake();
    expect(await rfb.fullUpdate()).toBe(1);

    expect(proxy.dropped).toBe(1);
    expect(agent.stderr + agent.stdout).toMatch(/could not deliver the user's answer .*; retrying in/);
    expect((agent.stderr + agent.stdout).match(/asking the user for consent/g)).toHaveLength(1);
    const session = await server.api.latestSession(started.deviceId);
    expect(await eventually(async () => (await server.api.session(session?.id ?? '')).state, 'active')).toBe('active');
  });
});

import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliProcess, localPortOf, startAgent } from './support/cli-process';
import { prepareFleet, RcgateServer, startRcgate } from './support/rcgate-server';
import { RecordingRfbServer } from './support/recording-rfb-server';
import { RfbClient } from './support/rfb-client';

jest.setTimeout(180_000);

describe('rcgate login, sessions, end, and the exit codes of connect', () => {
  let server: RcgateServer;
  let recorder: RecordingRfbServer;
  let agent: CliProcess;
  const home = mkdtempSync(join(tmpdir(), 'rcgate-operator-'));
  /** Runs `rcgate …` as the logged-in operator (no server or token flags). */
  const rcgate = (...args: string[]) => new CliProcess(args, { HOME: home });

  beforeAll(async () => {
    server = await startRcgate();
    const enrollmentKey = await prepareFleet(server.api);
    recorder = new RecordingRfbServer();
    ({ agent } = await startAgent({ server: server.url, enrollmentKey, name: 'OPS-DESK', target: `127.0.0.1:${await recorder.start()}` }));
  });

  afterAll(async () => {
    await agent?.stop();
    await recorder?.stop();
    await server?.stop();
  });

  it('login refuses a bad token and stores nothing', async () => {
    const login = new CliProcess(['login', '--server', server.url, '--token', 'rcg_not_a_real_token_000000000000000'], { HOME: home });
    expect(await login.exited).toBe(1);
    expect(login.stderr).toMatch(/refused the token/);
    expect(() => statSync(join(home, '.config', 'rcgate', 'credentials.json'))).toThrow();
  });

  it('login reads the token from stdin, verifies it, and stores it 0600', async () => {
    const login = new CliProcess(['login', '--server', `${server.url}/api/v1`], { HOME: home });
    login.child.stdin?.end(`${server.adminToken}\n`);
    expect(await login.exited).toBe(0);
    expect(login.stderr).toMatch(/logged in to .* as admin/);
    const path = join(home, '.config', 'rcgate', 'credentials.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ server: server.url, token: server.adminToken });
  });

  it('after login, connect needs no flags; sessions lists it; end ends it (endedByAdministrator, exit 0)', async () => {
    const connect = rcgate('connect', 'OPS-DESK');
    const rfb = await RfbClient.connect(await localPortOf(connect));
    await rfb.handshake();
    const sessionId = /session ([0-9a-f-]{36})/.exec(connect.stderr)?.[1] ?? '';
    const list = rcgate('sessions', '--state', 'active');
    expect(await list.exited).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+DEVICE\s+TYPE/);
    expect(list.stdout).toContain(sessionId);
    const end = rcgate('end', sessionId);
    expect(await end.exited).toBe(0);
    expect(await connect.exited).toBe(0);
    expect(connect.stderr).toMatch(/session ended: endedByAdministrator/);
    await rfb.close();
  });

  it('a policy denial exits 2 and prints the reason with the rule trace', async () => {
    const connect = rcgate('connect', 'OPS-DESK', '--type', 'remoteAssistance');
    expect(await connect.exited).toBe(2);
    expect(connect.stderr).toMatch(/denied by policy: remoteAssistanceRequiresDomain/);
    expect(connect.stderr).toMatch(/policy rules, in order:/);
    expect(connect.stderr).toMatch(/FAIL\s+\S+/);
  });

  it('an offline device exits 4', async () => {
    await server.api.expect(201, 'POST', '/devices', { name: 'OFFLINE-PC', siteCode: 'S01', joinType: 'workgroup', workgroup: 'WORKGROUP' });
    const connect = rcgate('connect', 'OFFLINE-PC');
    expect(await connect.exited).toBe(4);
    expect(connect.stderr).toMatch(/deviceOffline/);
  });

  it('an unknown device, a bad token or a bad flag exits 1', async () => {
    const unknown = rcgate('connect', 'NO-SUCH-PC');
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr).toMatch(/no device named NO-SUCH-PC/);
    const badToken = new CliProcess(['connect', 'OPS-DESK'], { HOME: home, RCGATE_TOKEN: 'rcg_wrong_000000000000000000000000000' });
    expect(await badToken.exited).toBe(1);
    const badFlag = rcgate('connect', 'OPS-DESK', '--type', 'teleport');
    expect(await badFlag.exited).toBe(1);
    expect(badFlag.stderr).toMatch(/--type must be one of/);
  });
});

import fs from 'node:fs';
import { decodeJwt } from 'jose';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const REMOTE_CONTROL = { enableRemoteControl: true, promptUserForPermission: false, accessLevel: 'fullControl', allowUnattendedComputer: true, permittedViewers: ['admin'] };

/**
 * Everything the process writes to stdout and stderr, including pino's
 * direct writes to file descriptors 1 and 2 (sonic-boom bypasses
 * process.stdout), kept off the terminal while the test runs.
 */
function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const keep = (data: unknown) => chunks.push(typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('utf8'));
  const bytes = (data: unknown) => (typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength);
  const realWrite = fs.write.bind(fs) as (...args: unknown[]) => void;
  const realWriteSync = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
  const spies = [
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1 && fd !== 2) return realWrite(fd, data, ...rest);
      keep(data);
      const callback = rest[rest.length - 1] as (error: null, written: number) => void;
      process.nextTick(() => callback(null, bytes(data)));
    }) as unknown as typeof fs.write),
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1 && fd !== 2) return realWriteSync(fd, data, ...rest);
      keep(data);
      return bytes(data);
    }) as unknown as typeof fs.writeSync),
    jest.spyOn(process.stdout, 'write').mockImplementation((data: unknown) => (keep(data), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((data: unknown) => (keep(data), true)),
  ];
  return { text: () => chunks.join(''), restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

/** Each secret, and the part of it after what may be shown (`rcg_` + 4 characters), must appear nowhere. */
function leaksIn(haystack: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => haystack.includes(secret) || haystack.includes(secret.slice(8)))
    .map(([name]) => name);
}

describe('secrets never reach the audit trail, idempotency records or logs', () => {
  let t: TestApp;
  let output: ReturnType<typeof captureOutput>;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    output = captureOutput();
    t = await startTestApp({ LOG_LEVEL: 'trace', RELAY_NODE_TIMEOUT_SECONDS: '3600' });
    secrets.adminToken = t.adminToken;
    const admin = bearer(t.adminToken);
    const f = new Fixtures(t);
    const post = (path: string, body: object, key: string, headers = admin) => t.http().post(path).set(headers).set('Idempotency-Key', key).send(body);

    // A principal and its token.
    expect((await post('/api/v1/principals', { name: 'CONTOSO\\alice', role: 'remoteToolsOperator' }, 'p-1')).status).toBe(201);
    const token = await post('/api/v1/principals/CONTOSO%5Calice/tokens', { name: 'laptop' }, 'tok-1');
    expect(token.status).toBe(201);
    secrets.principalToken = token.body.token;
    expect((await t.http().get('/api/v1/me').set(bearer(secrets.principalToken))).status).toBe(200);
    // A secret in a query string, and a failed authentication with a guessed token.
    await t.http().get(`/api/v1/me?token=${secrets.principalToken}`).set(bearer(secrets.principalToken));
    secrets.guessedToken = 'rcg_guessedButWrong_0123456789abcdefghijklmnop';
    expect((await t.http().get('/api/v1/me').set(bearer(secrets.guessedToken))).status).toBe(401);
    await t.http().post('/graphql').set(bearer(secrets.principalToken)).send({ query: '{ me { name } }' });

    // A site, an enrolment key, a device enrolled through the agent API, a heartbeat.
    expect((await post('/api/v1/sites', { code: 'S01', name: 'Site 1', type: 'primary' }, 'site-1')).status).toBe(201);
    const key = await post('/api/v1/enrollment-keys', { name: 'wave-1', siteCode: 'S01' }, 'ek-1');
    expect(key.status).toBe(201);
    secrets.enrollmentKey = key.body.key;
    const enrolled = await t.http().post('/api/v1/agent/enroll').send({ enrollmentKey: secrets.enrollmentKey, name: 'PC-SECRET', joinType: 'domain', domain: 'contoso.com' });
    expect(enrolled.status).toBe(201);
    secrets.deviceToken = enrolled.body.deviceToken;
    await f.heartbeat(secrets.deviceToken, 'CONTOSO\\bob');

    // Client settings that enable remote control and permit 'admin', deployed to All Systems.
    const settings = await post('/api/v1/client-settings', { name: 'Remote control', remoteTools: REMOTE_CONTROL }, 'cs-1');
    expect(settings.status).toBe(201);
    expect([200, 201]).toContain((await t.http().put(`/api/v1/client-settings/${settings.body.id}/deployments/all-systems`).set(admin)).status);
    await f.relayNode();

    // A session: the viewer ticket in the response, the agent ticket in the agent's offer.
    const body = { deviceId: enrolled.body.deviceId, type: 'remoteControl', accessLevel: 'fullControl', reason: 'ticket 4711' };
    const session = await post('/api/v1/sessions', body, 'sess-1');
    expect(session.status).toBe(201);
    secrets.viewerTicket = session.body.viewerTicket;
    const replay = await post('/api/v1/sessions', body, 'sess-1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.viewerTicket).toBeUndefined();
    const offers = await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(secrets.deviceToken));
    secrets.agentTicket = offers.body.value[0].agentTicket;
    secrets.viewerJti = decodeJwt(secrets.viewerTicket).jti as string;
    secrets.agentJti = decodeJwt(secrets.agentTicket).jti as string;
    await t.http().get(`/api/v1/me?ticket=${secrets.viewerTicket}`).set(admin);
    expect(session.body.viewerUrl).toContain(secrets.viewerTicket);

    const [key0] = (await t.dataSource.query('SELECT private_key_pem FROM ticket_keys WHERE private_key_pem IS NOT NULL')) as { private_key_pem: string }[];
    secrets.ticketSigningKey = key0.private_key_pem.replace(/-----[A-Z ]+-----|\s/g, '');
    for (const [name, value] of Object.entries(secrets)) expect({ name, value }).toEqual({ name, value: expect.any(String) });
  });
  afterAll(async () => {
    await t?.close();
    output.restore();
  });

  const rowsOf = async (table: string) => JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table}`));

  it('holds every secret of a representative flow to check against', () => {
    expect(Object.keys(secrets).sort()).toEqual(
      ['adminToken', 'agentJti', 'agentTicket', 'deviceToken', 'enrollmentKey', 'guessedToken', 'principalToken', 'ticketSigningKey', 'viewerJti', 'viewerTicket'].sort(),
    );
  });

  it('keeps them out of every column of audit_records', async () => {
    const audit = await rowsOf('audit_records');
    expect(audit).toContain('ticketIssued');
    expect(audit).toContain('authenticationFailed');
    expect(audit).toContain('deviceEnrolled');
    expect(leaksIn(audit, secrets)).toEqual([]);
  });

  it('keeps them out of every column of idempotency_keys', async () => {
    const stored = await rowsOf('idempotency_keys');
    for (const key of ['tok-1', 'ek-1', 'sess-1']) expect(stored).toContain(key);
    expect(leaksIn(stored, secrets)).toEqual([]);
  });

  it('keeps them out of every other table too (only hashes are stored)', async () => {
    const tables = (await t.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('ticket_keys', 'migrations')`)) as { tablename: string }[];
    expect(tables.length).toBeGreaterThan(10);
    for (const { tablename } of tables) expect({ tablename, leaks: leaksIn(await rowsOf(tablename), secrets) }).toEqual({ tablename, leaks: [] });
  });

  it('keeps them out of the log output, at LOG_LEVEL=trace', () => {
    const logs = output.text();
    expect(logs).toContain('/api/v1/agent/enroll');
    expect(logs).toContain('/api/v1/me?token=[redacted]');
    expect(logs).toContain('ticket=[redacted]');
    expect(leaksIn(logs, secrets)).toEqual([]);
  });
});

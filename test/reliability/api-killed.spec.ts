import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { Fixtures } from '../support/fixtures';
import { SpawnedServer, spawnServer } from '../support/spawn-server';
import { createTestDatabase, TestApp } from '../support/test-app';
import { waitFor } from '../relay/support/relay-fixture';
import { Api, call, UNATTENDED_FULL_CONTROL } from './support/sessions-flow';

const DEVICES = 16;
const WORKERS = 12;

describe('the API process killed with SIGKILL in the middle of POST /sessions', () => {
  let databaseUrl: string;
  let env: Record<string, string>;
  let server: SpawnedServer | undefined;
  let db: Client;
  const adminToken = `rcg_test_${randomBytes(24).toString('base64url')}`;
  const statuses: number[] = [];
  let inFlightAtKill = 0;

  const rows = async <T>(sql: string): Promise<T[]> => (await db.query(sql)).rows as T[];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    env = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rcgate-killed-')),
      BOOTSTRAP_ADMIN_TOKEN: adminToken,
      TICKET_TTL_SECONDS: '5',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_ANON_PER_MINUTE: '1000000',
      AUTH_FAILURES_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    };
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop();
    await db?.end();
  });

  it('leaves no half-created session: each session row has its creation record and each creation record its row', async () => {
    server = await spawnServer(env);
    const api: Api = { baseUrl: server.url, adminToken };
    // The public API of the spawned process, through the same builders the in-process tests use.
    const f = new Fixtures({ http: () => request(server!.url), adminToken } as unknown as TestApp);
    await f.site('S01');
    await f.settings(UNATTENDED_FULL_CONTROL, 'all-systems', 100);
    const devices: string[] = [];
    for (let i = 0; i < DEVICES; i++) devices.push((await f.agent(`KILLED-${i}`)).deviceId);

    let inFlight = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = w; !stop; i += WORKERS) {
        inFlight++;
        try {
          statuses.push((await call(api, 'POST', '/api/v1/sessions', adminToken, { deviceId: devices[i % DEVICES], type: 'remoteControl', accessLevel: 'fullControl' })).status);
        } catch {
          statuses.push(0);
          stop = true;
        } finally {
          inFlight--;
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await waitFor(() => statuses.length >= 30, 30_000, 'POST /sessions under way');
    inFlightAtKill = inFlight;
    expect(await server.stop('SIGKILL')).toBeNull();
    stop = true;
    await load;

    expect(inFlightAtKill).toBeGreaterThan(0);
    // Before the kill: sessions (201) and, for devices already in one, denials (409 deviceBusy); nothing else.
    expect(statuses.filter((s) => ![201, 409, 0].includes(s))).toEqual([]);
    expect(statuses).toContain(0);

    // Straight from the database, before anything could tidy up.
    expect(await rows('SELECT s.id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM audit_records a WHERE a.session_id = s.id AND a.type = \'sessionRequested\')')).toEqual([]);
    expect(await rows('SELECT a.seq FROM audit_records a WHERE a.type = \'sessionRequested\' AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = a.session_id)')).toEqual([]);
    expect(await rows('SELECT session_id, count(*) FROM audit_records WHERE type = \'sessionRequested\' GROUP BY session_id HAVING count(*) <> 1')).toEqual([]);
    // The viewer ticket is minted in the same transaction: a ready session has it, and its record.
    expect(await rows('SELECT s.id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM session_tickets t WHERE t.session_id = s.id AND t.role = \'viewer\')')).toEqual([]);
    expect(await rows('SELECT t.session_id FROM session_tickets t WHERE NOT EXISTS (SELECT 1 FROM audit_records a WHERE a.session_id = t.session_id AND a.type = \'ticketIssued\' AND a.details->>\'role\' = t.role)')).toEqual([]);
    const [{ n: created }] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
    // Every 201 the clients saw was committed (some commits may have had no answer in time).
    expect(created).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
  }, 180_000);

  it('after a restart on the same database the chain verifies and the leftover sessions are ended by the reaper, once each', async () => {
    server = await spawnServer(env);
    const api: Api = { baseUrl: server.url, adminToken };
    const verify = await call(api, 'GET', '/api/v1/audit-records/verify', adminToken);
    expect(verify.status).toBe(200);
    expect(verify.json()).toMatchObject({ valid: true, firstBrokenSeq: null });

    // Nobody joins them: their tickets expire (TICKET_TTL_SECONDS=5) and the reaper ends them.
    await waitFor(async () => (await rows('SELECT id FROM sessions WHERE state <> \'ended\'')).length === 0, 30_000, 'every leftover session ended');
    expect(await rows('SELECT DISTINCT end_reason FROM sessions')).toEqual([{ end_reason: 'ticketExpired' }]);
    expect(await rows('SELECT s.id FROM sessions s WHERE (SELECT count(*) FROM audit_records a WHERE a.session_id = s.id AND a.type = \'sessionEnded\') <> 1')).toEqual([]);
    const again = await call(api, 'GET', '/api/v1/audit-records/verify', adminToken);
    expect(again.json()).toMatchObject({ valid: true, firstBrokenSeq: null });
  }, 90_000);
});

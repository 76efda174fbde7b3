import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runKeysRotate } from '../../src/cli/commands/keys-rotate.command';
import { loadConfig } from '../../src/config/config.loader';
import { relayNodeIdIn, RELAY_NODE_ID_FILE } from '../../src/relay/relay-node-identity';
import { KeyRotationRefusedError, TicketKeyStore } from '../../src/sessions/tickets/ticket-key.store';
import { exportPrivateKeyPem, generateTicketKeyPair } from '../../src/sessions/tickets/ticket-keys';
import { TicketVerifier } from '../../src/sessions/tickets/ticket-verifier';
import { TicketsService } from '../../src/sessions/tickets/tickets.service';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const REMOTE_CONTROL = { enableRemoteControl: true, promptUserForPermission: false, accessLevel: 'fullControl', allowUnattendedComputer: true, permittedViewers: ['admin'] };

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('ticket signing keys: the private key stays on API nodes, rotation without restart, secret files 0600', () => {
  let t: TestApp;
  let f: Fixtures;
  const dataDir = mkdtempSync(join(tmpdir(), 'rcgate-keys-'));

  beforeAll(async () => {
    // A leftover admin-token, world-readable, as an earlier install might have left it.
    writeFileSync(join(dataDir, 'admin-token'), 'stale\n', { mode: 0o644 });
    t = await startTestApp({ DATA_DIR: dataDir, TICKET_TTL_SECONDS: '60', RELAY_NODE_TIMEOUT_SECONDS: '3600' });
    f = new Fixtures(t);
    await f.site('S01');
    await f.relayNode();
    await f.settings(REMOTE_CONTROL);
  });
  afterAll(() => t.close());

  const startSession = async (deviceName: string): Promise<string> => {
    const { deviceId } = await f.agent(deviceName);
    const res = await t.http().post('/api/v1/sessions').set(bearer(t.adminToken)).send({ deviceId, type: 'remoteControl', accessLevel: 'fullControl' });
    expect(res.status).toBe(201);
    return res.body.viewerTicket as string;
  };
  const verifier = async () => new TicketVerifier({ publicKeys: await t.app.get(TicketKeyStore).verificationKeys(), clock: () => new Date() });
  const kidOf = (ticket: string) => decodeProtectedHeader(ticket).kid;

  describe('what a relay reads', () => {
    it('verificationKeys() selects only public columns: it works for a database role that cannot read private_key_pem', async () => {
      await t.app.get(TicketsService).signingKeyId();
      const role = `rcgate_relay_${randomBytes(4).toString('hex')}`;
      const client = new Client({ connectionString: t.databaseUrl });
      await client.connect();
      try {
        await client.query(`CREATE ROLE ${role} NOLOGIN`);
        await client.query(`GRANT SELECT (kid, public_key_pem, created_at, retired_at) ON ticket_keys TO ${role}`);
        await client.query(`SET ROLE ${role}`);
        // The role really is kept from the private column…
        await expect(client.query('SELECT private_key_pem FROM ticket_keys')).rejects.toThrow(/permission denied/);
        // …and the relay's query still works under it.
        const restricted = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as DataSource;
        const keys = await new TicketKeyStore(restricted, t.config).verificationKeys();
        expect([...keys.keys()]).toEqual([await t.app.get(TicketsService).signingKeyId()]);
      } finally {
        await client.query('RESET ROLE');
        await client.query(`DROP OWNED BY ${role}`);
        await client.query(`DROP ROLE ${role}`);
        await client.end();
      }
    });

    it('verificationKeys() never names private_key_pem in its SQL', async () => {
      const statements: string[] = [];
      const spying = { query: (sql: string, params?: unknown[]) => (statements.push(sql), t.dataSource.query(sql, params)) } as unknown as DataSource;
      await new TicketKeyStore(spying, t.config).verificationKeys();
      expect(statements.length).toBeGreaterThan(0);
      for (const sql of statements) expect(sql).not.toMatch(/private_key_pem|\*/i);
    });

    it('a relay-role process refuses to load the signing key at all', async () => {
      await expect(new TicketKeyStore(t.dataSource, { ...t.config, role: 'relay' }).signingKey()).rejects.toThrow(/relay never loads the ticket signing key/);
      await expect(new TicketKeyStore(t.dataSource, { ...t.config, role: 'relay' }).rotate()).rejects.toThrow(/relay never handles/);
    });
  });

  describe('rcgate keys rotate', () => {
    const quietly = async <T>(work: () => Promise<T>): Promise<T> => {
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        return await work();
      } finally {
        write.mockRestore();
      }
    };

    it('switches running API nodes to a new key while tickets from the old one verify for one TTL', async () => {
      const before = await startSession('PC-ROT-1');
      const oldKid = kidOf(before);
      await expect((await verifier()).verify(before, 'viewer')).resolves.toMatchObject({ role: 'viewer' });

      const rotation = await quietly(() => runKeysRotate(t.config));
      expect(rotation.kid).not.toBe(oldKid);
      expect(rotation.retiredKids).toEqual([oldKid]);
      expect(rotation.retiredKeysValidUntil.getTime() - Date.now()).toBeGreaterThan(50_000);

      // The running node hears NOTIFY rcgate_keys and reloads; no restart.
      expect(await until(() => t.app.get(TicketsService).signingKeyId(), (kid) => kid === rotation.kid)).toBe(rotation.kid);
      const after = await startSession('PC-ROT-2');
      expect(kidOf(after)).toBe(rotation.kid);

      // Both verify now: the old ticket within its TTL, the new one.
      const ring = await verifier();
      await expect(ring.verify(before, 'viewer')).resolves.toBeDefined();
      await expect(ring.verify(after, 'viewer')).resolves.toBeDefined();

      // One TTL after retirement the old key is gone from what relays accept.
      await t.dataSource.query(`UPDATE ticket_keys SET retired_at = now() - interval '61 seconds' WHERE kid = $1`, [oldKid]);
      const later = await verifier();
      await expect(later.verify(before, 'viewer')).rejects.toMatchObject({ reason: 'badSignature' });
      await expect(later.verify(after, 'viewer')).resolves.toBeDefined();
    });

    it('keeps exactly one active key: the private keys of retired ones are never used to sign again', async () => {
      const rows = (await t.dataSource.query('SELECT kid FROM ticket_keys WHERE retired_at IS NULL')) as { kid: string }[];
      expect(rows.map((r) => r.kid)).toEqual([await t.app.get(TicketsService).signingKeyId()]);
    });

    it('refuses, without touching the database, when TICKET_SIGNING_KEY is configured', async () => {
      const [{ n: keysBefore }] = (await t.dataSource.query('SELECT count(*)::int AS n FROM ticket_keys')) as { n: number }[];
      const config = loadConfig({ DATABASE_URL: t.databaseUrl, DATA_DIR: dataDir, TICKET_SIGNING_KEY: exportPrivateKeyPem(generateTicketKeyPair().privateKey) });
      const refused = runKeysRotate(config);
      await expect(refused).rejects.toThrow(KeyRotationRefusedError);
      await expect(refused).rejects.toThrow(/^TICKET_SIGNING_KEY is set, so the ticket signing key is managed outside rcgate/);
      const [{ n: keysAfter }] = (await t.dataSource.query('SELECT count(*)::int AS n FROM ticket_keys')) as { n: number }[];
      expect(keysAfter).toBe(keysBefore);
    });
  });

  describe('secret files', () => {
    it('writes DATA_DIR/admin-token 0600, even over a leftover world-readable file', () => {
      expect(mode(join(dataDir, 'admin-token'))).toBe(0o600);
      expect(mode(dataDir)).toBe(0o700);
    });

    it('writes the relay node id file 0600', () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'rcgate-relay-id-')), 'data');
      relayNodeIdIn(dir);
      expect(mode(join(dir, RELAY_NODE_ID_FILE))).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
    });
  });
});

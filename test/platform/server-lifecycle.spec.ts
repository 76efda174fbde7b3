import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, spawnServer } from '../support/spawn-server';

async function me(url: string, token: string) {
  const res = await fetch(`${url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { name?: string } };
}

describe('rcgate serve on the embedded PostgreSQL, as a new user runs it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rcgate-serve-'));

  it('prints the first token once, keeps all data across a restart, and stops cleanly on SIGTERM', async () => {
    const first = await spawnServer({ DATA_DIR: dataDir });
    const printed = /\n {2}(rcg_[A-Za-z0-9_-]+)\n/.exec(first.stdout())?.[1];
    expect(printed).toBeDefined();
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    expect(token).toBe(printed);
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(await me(first.url, token)).toEqual({ status: 200, body: expect.objectContaining({ name: 'admin' }) });

    const created = await fetch(`${first.url}/api/v1/principals`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'CONTOSO\\alice', role: 'remoteToolsOperator' }),
    });
    expect(created.status).toBe(201);
    expect(await first.stop('SIGTERM')).toBe(0);

    // Recovery path: mint a token with direct database access while the server is down.
    const cli = runCli(['token', 'create', '--principal', 'CONTOSO\\alice', '--name', 'recovery'], { DATA_DIR: dataDir });
    expect(cli.status).toBe(0);
    const recovered = cli.stdout.trim();
    expect(recovered).toMatch(/^rcg_/);

    const second = await spawnServer({ DATA_DIR: dataDir });
    expect(second.stdout()).not.toContain('shown once');
    expect((await me(second.url, token)).status).toBe(200);
    expect(await me(second.url, recovered)).toEqual({ status: 200, body: expect.objectContaining({ name: 'CONTOSO\\alice' }) });
    expect(await second.stop('SIGINT')).toBe(0);
  }, 300_000);

  it.each([
    ['PORT', 'eighty'],
    ['LOG_LEVEL', 'chatty'],
    ['DATABASE_URL', 'mysql://localhost/x'],
  ])('refuses a bad %s with exit code 1 and one line naming it', (variable, value) => {
    const result = runCli(['serve'], { [variable]: value, DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });
});

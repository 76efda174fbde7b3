#!/usr/bin/env node
'use strict';
// The commit ceiling of this machine for POST /sessions' write pattern, without the API:
// 10 clients loop BEGIN; INSERT; [lock the chain head and bump it | pg_notify | both]; COMMIT
// against the same embedded PostgreSQL the bench uses (started through bench/server-child.js,
// so with the app's migrations and settings). `npm run build && node bench/commit-ceiling.js`.
// A transaction that holds the audit chain head row, or that sent a NOTIFY (PostgreSQL takes a
// global lock in PreCommit_Notify until after the commit record is flushed), commits one at a
// time: its rate is bounded by 1 / (commit flush latency), whatever the API does.
const WT = require('node:path').join(__dirname, '..');
const { join } = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const { randomBytes } = require('node:crypto');
const L = require('./lib');
const { Client } = require('pg');
(async () => {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'rcgate-ceiling-'));
  const srv = L.forkChild(join(WT, 'bench/server-child.js'), { env: { DATA_DIR: dataDir, BOOTSTRAP_ADMIN_TOKEN: `rcg_bench_${randomBytes(24).toString('base64url')}`, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' } });
  try {
    const info = await srv.ready;
    const admin = new Client({ connectionString: info.databaseUrl }); await admin.connect();
    await admin.query('CREATE TABLE IF NOT EXISTS pl_t (id bigserial primary key, v text)');
    await admin.query('CREATE TABLE IF NOT EXISTS pl_head (id int primary key, seq bigint)'); await admin.query('INSERT INTO pl_head VALUES (1,0) ON CONFLICT DO NOTHING');
    for (const s of ['fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'commit_delay']) console.log(s, (await admin.query(`SHOW ${s}`)).rows[0][s]);
    const clients = []; for (let i = 0; i < 10; i++) { const c = new Client({ connectionString: info.databaseUrl }); await c.connect(); clients.push(c); }
    async function run(name, n, body, secs = 4) {
      let count = 0; const end = Date.now() + secs * 1000;
      await Promise.all(clients.slice(0, n).map(async (c) => { while (Date.now() < end) { await body(c); count++; } }));
      console.log(`${name}: ${(count / secs).toFixed(0)}/s (${n} clients)`);
    }
    const ins = async (c) => { await c.query('BEGIN'); await c.query("INSERT INTO pl_t (v) VALUES ('x')"); await c.query('COMMIT'); };
    const locked1 = async (c) => { await c.query('BEGIN'); await c.query("INSERT INTO pl_t (v) VALUES ('x')"); await c.query('WITH h AS (SELECT seq FROM pl_head WHERE id=1 FOR UPDATE) UPDATE pl_head SET seq=(SELECT seq FROM h)+1 WHERE id=1'); await c.query('COMMIT'); };
    const insNotify = async (c) => { await c.query('BEGIN'); await c.query("INSERT INTO pl_t (v) VALUES ('x')"); await c.query("SELECT pg_notify('pl_chan', 'x')"); await c.query('COMMIT'); };
    const lockedNotify = async (c) => { await c.query('BEGIN'); await c.query("INSERT INTO pl_t (v) VALUES ('x')"); await c.query("WITH h AS (SELECT seq FROM pl_head WHERE id=1 FOR UPDATE) UPDATE pl_head SET seq=(SELECT seq FROM h)+1 WHERE id=1 RETURNING pg_notify('pl_chan', seq::text)"); await c.query('COMMIT'); };
    for (let rep = 0; rep < 3; rep++) {
      await run('INSERT+COMMIT', 1, ins);
      await run('INSERT+COMMIT', 10, ins);
      await run('INSERT+NOTIFY+COMMIT', 10, insNotify);
      await run('INSERT + lock head (1 stmt) + COMMIT', 10, locked1);
      await run('INSERT + lock head & NOTIFY (1 stmt) + COMMIT', 10, lockedNotify);
    }
    // The same with synchronous_commit = off (not a proposal: it shows how much of the ceiling is the WAL flush).
    for (const c of clients) await c.query('SET synchronous_commit = off');
    await run('synchronous_commit=off: INSERT + lock head & NOTIFY (1 stmt) + COMMIT', 10, lockedNotify);
    for (const c of clients) await c.end(); await admin.end();
  } finally {
    try { await Promise.race([srv.request({ cmd: 'stop' }), L.sleep(8000)]); } catch {}
    srv.child.kill(); rmSync(dataDir, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exit(1); });

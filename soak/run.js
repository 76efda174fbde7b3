#!/usr/bin/env node
'use strict';
// Issue 10's soak: `npm run soak` (10 minutes) or `npm run soak -- --quick` (60 s, for CI).
// Starts `rcgate serve` on 127.0.0.1 (embedded PostgreSQL in a temporary DATA_DIR unless
// DATABASE_URL is set), keeps 200 sessions going with churn, agents dropping their long polls,
// injected faults; samples the server's RSS, fds and PostgreSQL connections; checks the pass
// rule (see soak/README.md) and exits 1 when it fails. Results: soak/results/<ISO date>.json.
const { randomBytes } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { Api } = require('./lib/api');
const { Ledger } = require('./lib/ledger');
const { startServer } = require('./lib/server');
const { SimAgent } = require('./lib/agent');
const { AgentPool, SessionDriver, sleep } = require('./lib/sessions');
const { FaultInjector } = require('./lib/faults');
const { Sampler } = require('./lib/sampler');
const { resourceChecks } = require('./lib/verdict');
const { report } = require('./lib/report');

const QUICK = process.argv.includes('--quick');
const arg = (name) => (process.argv.find((a) => a.startsWith(`--${name}=`)) || '').split('=')[1];
const TICKET_TTL_SECONDS = 45;
const P = {
  mode: QUICK ? 'quick' : 'full',
  seconds: Number(arg('seconds') ?? (QUICK ? 60 : 600)),
  sessions: Number(arg('sessions') ?? 200),
  spareAgents: 30,
  sampleMs: QUICK ? 2000 : 5000,
  // Before the measured run, a ramp opens the sessions (at most rampPerSecond, and at most setupConcurrency being
  // set up at once: closed-loop, so a slow server makes the ramp longer instead of piling requests on its pool).
  // Each session then lasts holdMs and is replaced: the churn rate is what the machine sustains, about
  // sessions / mean hold. Every session takes ~6 audit appends, which serialise on the audit chain head (issue 9).
  rampPerSecond: 5,
  rampLimitSeconds: QUICK ? 300 : 600,
  setupConcurrency: 8,
  holdMs: QUICK ? [20_000, 60_000] : [60_000, 240_000],
  sendEveryMs: 1000,
  maxChunk: 2048,
  faultEveryMs: QUICK ? 600 : 1000,
  pollDropChance: 0.15,
  heartbeatMs: 30_000,
  ticketTtlSeconds: TICKET_TTL_SECONDS,
  joinTimeoutMs: (TICKET_TTL_SECONDS - 2) * 1000,
  drainTimeoutMs: 20_000,
  closeTimeoutMs: 30_000,
  settleTimeoutMs: (TICKET_TTL_SECONDS + 15) * 1000,
  seed: Number(arg('seed') ?? (Date.now() % 2 ** 31)),
};
const started = Date.now();
const log = (...a) => console.error(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s]`, ...a);
const FULL_SETTINGS = { enableRemoteControl: true, promptUserForPermission: false, accessLevel: 'fullControl', allowUnattendedComputer: true, permittedViewers: ['admin'], manageSolicitedRemoteAssistance: false, manageRemoteDesktop: false };

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function machine() {
  const sh = (c, a) => { try { return execFileSync(c, a, { encoding: 'utf8' }).trim(); } catch { return 'n/a'; } };
  return { nproc: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), uname: sh('uname', ['-srvm']), node: process.version, loadAtStart: os.loadavg() };
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => { while (i < items.length) { const k = i++; out[k] = await fn(items[k], k); } }));
  return out;
}

async function main() {
  const ledger = new Ledger();
  const rand = mulberry32(P.seed);
  const results = { mode: P.mode, startedAt: new Date().toISOString(), params: P, machine: machine() };
  log(`soak (${P.mode}): ${P.sessions} sessions for ${P.seconds} s, seed ${P.seed}`);

  const adminToken = `rcg_soak_${randomBytes(24).toString('base64url')}`;
  const serverLog = { warnings: {}, errors: 0 };
  let phase = 'setup';
  const server = await startServer({
    env: {
      BOOTSTRAP_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn',
      // One address (127.0.0.1) and one admin token drive everything; the config loader caps these at 1,000,000.
      RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '1000000', TICKET_FAILURES_PER_MINUTE: '1000000',
      WS_CONNECTIONS_PER_ADDRESS: '100000', AGENT_OFFLINE_AFTER_SECONDS: '120', TICKET_TTL_SECONDS: String(TICKET_TTL_SECONDS),
    },
    onLogLine: (line) => {
      let entry;
      try { entry = JSON.parse(line); } catch { return; }
      if (entry.level >= 50) ledger.error(`server.logError.${phase}`, `${entry.msg}: ${entry.err?.type ?? ''} ${entry.err?.message ?? ''}`);
      else if (entry.level >= 40) serverLog.warnings[entry.msg] = (serverLog.warnings[entry.msg] ?? 0) + 1;
    },
  });
  const cleanup = () => server.stop();
  process.once('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });
  log(`rcgate serve at ${server.url} (pid ${server.pid}), PostgreSQL ${new URL(server.databaseUrl).port}`);
  const pg = new Client({ connectionString: server.databaseUrl });
  try {
    await pg.connect();
    const api = new Api(server.url, adminToken, ledger);
    const relayUrl = `${server.url.replace(/^http/, 'ws')}/relay/v1/connect`;

    // Client settings enabling Remote Control for 'admin', deployed to All Systems; one site; agents enrolled and heart-beating.
    const must = async (...a) => { const r = await api.must(...a); if (!r) throw new Error(`setup: ${a[0]} ${a[1]} failed: ${JSON.stringify(ledger.errors)}`); return r; };
    const cs = await must('POST', '/api/v1/client-settings', { body: { name: 'soak-remote-tools', remoteTools: FULL_SETTINGS, priority: 100 } });
    await must('PUT', `/api/v1/client-settings/${cs.id}/deployments/all-systems`, {}, [200, 201]);
    await must('POST', '/api/v1/sites', { body: { code: 'S01', name: 'Soak', type: 'primary' } }, [201]);
    const key = (await must('POST', '/api/v1/enrollment-keys', { body: { name: 'soak', siteCode: 'S01' } })).key;
    const nAgents = P.sessions + P.spareAgents;
    const enrolled = await mapLimit(Array.from({ length: nAgents }, (_, i) => i), 8, (i) =>
      must('POST', '/api/v1/agent/enroll', { token: '', body: { enrollmentKey: key, name: `SOAK-${String(i).padStart(4, '0')}`, joinType: 'domain', domain: 'contoso.com', osName: 'Windows 11' } }, [201]));
    const agents = enrolled.map((e) => new SimAgent({ api, deviceId: e.deviceId, deviceToken: e.deviceToken, ledger, params: P, rand }));
    await mapLimit(agents, 8, (a) => must('POST', '/api/v1/agent/heartbeat', { token: a.deviceToken, body: { currentUser: 'CONTOSO\\bob', ipAddresses: ['10.0.0.5'] } }, [200]));
    log(`${agents.length} agents enrolled`);
    for (const a of agents) a.start();

    const pool = new AgentPool(agents, rand);
    const driver = new SessionDriver({ api, pool, ledger, params: P, rand, payload: randomBytes(256 * 1024) });
    const faults = new FaultInjector({ api, driver, pool, ledger, params: P, rand, relayUrl });
    const sampler = new Sampler({ pid: server.pid, pg, everyMs: P.sampleMs, live: () => driver.live });
    const stop = new AbortController();
    phase = 'load';
    const rampStarted = Date.now();
    const slots = Array.from({ length: P.sessions }, (_, i) => sleep((1000 * i) / P.rampPerSecond, stop.signal).then(() => driver.slot(stop.signal)));
    const faulting = faults.loop(stop.signal);
    const rampProgress = setInterval(() => log(`ramp: ${driver.live} live`), 5000);
    while (driver.live < P.sessions && Date.now() - rampStarted < P.rampLimitSeconds * 1000) await sleep(250);
    if (driver.live < P.sessions) ledger.error('ramp.incomplete', `${driver.live} of ${P.sessions} sessions live after ${P.rampLimitSeconds} s`);
    clearInterval(rampProgress);
    driver.rampDone = true;
    results.rampSeconds = (Date.now() - rampStarted) / 1000;
    log(`ramp done: ${driver.live} live after ${results.rampSeconds.toFixed(1)} s; the measured run starts`);
    const t0 = Date.now();
    sampler.start(t0);
    const progress = setInterval(() => {
      const s = sampler.samples.at(-1) ?? {};
      log(`live ${driver.live}, completed ${ledger.counts['sessions.completed'] ?? 0}, faults ${Object.values(ledger.faults).reduce((n, f) => n + f.injected, 0)}, unexpected ${ledger.unexpected}; RSS ${s.rssMiB?.toFixed(0)} MiB, fds ${s.fds}, pg ${s.pgConnections}, load ${os.loadavg()[0].toFixed(1)}`);
    }, QUICK ? 10_000 : 30_000);
    await sleep(P.seconds * 1000);
    sampler.stop();
    clearInterval(progress);
    const loadSeconds = (Date.now() - t0) / 1000;
    log('stopping: sessions in flight finish and end');
    stop.abort();
    const finished = await Promise.race([Promise.allSettled([...slots, faulting]).then(() => true), sleep(90_000).then(() => false)]);
    if (!finished) ledger.error('shutdown.hang', 'sessions still running 90 s after the end of the load');
    await Promise.all(agents.map((a) => a.stop()));

    // Final checks: every session ended with an endReason, per-session audit records, the chain verifies.
    const final = await finalChecks({ pg, api, driver, ledger });
    const resources = resourceChecks(sampler.samples, P.seconds, { sessions: P.sessions, agents: nAgents });
    Object.assign(results, { peakLiveSessions: driver.peakLive, loadSeconds, samples: sampler.samples, resources, final, counts: ledger.counts, faults: ledger.faults, errors: ledger.errors, serverLog });
  } finally {
    phase = 'shutdown';
    await pg.end().catch(() => undefined);
    const exit = await server.stop();
    results.serverExit = exit;
    if (exit.code !== 0) ledger.error('server.exit', `rcgate serve exited ${exit.code ?? exit.signal} on SIGTERM`);
    results.errors = ledger.errors;
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAtEnd = os.loadavg();
  const verdict = report(results, ledger);
  const outDir = join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const file = `${results.startedAt.replace(/[:.]/g, '-')}${QUICK ? '-quick' : ''}.json`;
  writeFileSync(join(outDir, file), JSON.stringify({ ...results, passed: verdict.passed }, null, 2));
  console.log(`\nResults: soak/results/${file} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  return verdict.passed;
}

async function finalChecks({ pg, api, driver, ledger }) {
  const ids = [...driver.sessions.keys()];
  const rows = (await pg.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE state <> 'ended')::int AS open, count(*) FILTER (WHERE state = 'ended' AND end_reason IS NULL)::int AS "noReason" FROM sessions`)).rows[0];
  if (rows.open) ledger.error('final.openSessions', `${rows.open} sessions not ended`);
  if (rows.noReason) ledger.error('final.noEndReason', `${rows.noReason} ended sessions without endReason`);
  if (rows.total !== ids.length) ledger.error('final.unknownSessions', `${rows.total} sessions in the database, ${ids.length} created by the soak`);
  const endReasons = Object.fromEntries((await pg.query('SELECT end_reason, count(*)::int AS n FROM sessions GROUP BY 1 ORDER BY 1')).rows.map((r) => [r.end_reason, r.n]));

  // Audit: one sessionRequested and one sessionEnded per session, one sessionStarted per paired session.
  // The relay writes its records in the background: wait until the count stops moving.
  let last = -1;
  for (let i = 0; i < 60; i++) {
    const n = (await pg.query('SELECT count(*)::int AS n FROM audit_records')).rows[0].n;
    if (n === last) break;
    last = n;
    await sleep(500);
  }
  const counts = new Map();
  for (const r of (await pg.query(`SELECT session_id::text AS id, type, count(*)::int AS n FROM audit_records WHERE session_id = ANY($1::uuid[]) AND type IN ('sessionRequested', 'sessionStarted', 'sessionEnded') GROUP BY 1, 2`, [ids])).rows) {
    counts.set(`${r.id}|${r.type}`, r.n);
  }
  let auditMismatches = 0;
  for (const [id, s] of driver.sessions) {
    const want = { sessionRequested: 1, sessionStarted: s.paired ? 1 : 0, sessionEnded: 1 };
    for (const [type, n] of Object.entries(want)) {
      const got = counts.get(`${id}|${type}`) ?? 0;
      if (got !== n) { auditMismatches++; ledger.error('final.auditPerSession', `${s.mode}: ${type} ×${got}, expected ×${n}`); }
    }
  }
  const verify = await api.must('GET', '/api/v1/audit-records/verify', {}, [200]);
  if (!verify?.valid) ledger.error('final.auditChain', JSON.stringify(verify));
  return { sessions: rows, endReasons, auditRecords: last, auditMismatches, auditVerify: verify };
}

main().then(
  (passed) => { process.exitCode = passed ? 0 : 1; },
  (error) => { console.error('soak failed:', error); process.exitCode = 1; },
).finally(() => setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref());

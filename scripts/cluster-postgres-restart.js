#!/usr/bin/env node
// Measures what a PostgreSQL restart does to the cluster of `npm run cluster` (embedded PostgreSQL):
// PostgreSQL is stopped cleanly, kept down for DOWN_SECONDS, started again on the same port and data,
// while one client polls GET /api/v1/me through the proxy. Prints what the client saw and when.
//   npm run build && node scripts/cluster-postgres-restart.js [DOWN_SECONDS]
'use strict';
/* global fetch, AbortSignal, setTimeout */
const { startCluster } = require('./cluster');

const DOWN_SECONDS = Number(process.argv[2] ?? 10);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function main() {
  const cluster = await startCluster({ log: (line) => process.stderr.write(`cluster: ${line}\n`) });
  const seen = [];
  let polling = true;
  const t0 = Date.now();
  const poller = (async () => {
    while (polling) {
      const started = Date.now();
      const res = await fetch(`${cluster.url}/api/v1/me`, { headers: { Authorization: `Bearer ${cluster.adminToken}` }, signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
      await res?.arrayBuffer();
      const status = res?.status ?? 'error';
      const last = seen[seen.length - 1];
      if (!last || last.status !== status) seen.push({ status, sentAtMs: started - t0, answeredAtMs: Date.now() - t0, retryAfter: res?.headers.get('retry-after') ?? null });
      await sleep(100);
    }
  })();
  try {
    await sleep(2000);
    const stopAt = Date.now() - t0;
    await cluster.nodes.database.stop(60_000);
    const stoppedAt = Date.now() - t0;
    await sleep(DOWN_SECONDS * 1000);
    const startAt = Date.now() - t0;
    await cluster.nodes.database.start(120_000);
    const readyAt = Date.now() - t0;
    const deadline = Date.now() + 120_000;
    const answered = () => seen.find((s) => s.status === 200 && s.answeredAtMs > readyAt);
    while (Date.now() < deadline && !answered()) await sleep(100);
    await sleep(2000);
    polling = false;
    await poller;
    const back = answered();
    process.stdout.write(
      `${JSON.stringify({ downSeconds: DOWN_SECONDS, stopRequestedMs: stopAt, stoppedMs: stoppedAt, startRequestedMs: startAt, postgresReadyMs: readyAt, firstAnswerAfterPostgresReadyMs: back ? back.answeredAtMs - readyAt : null, statusChanges: seen }, null, 1)}\n`,
    );
  } finally {
    polling = false;
    await cluster.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

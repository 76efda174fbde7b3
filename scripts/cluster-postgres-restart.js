#!/usr/bin/env node
// Measures what a PostgreSQL restart does to the cluster of `npm run cluster` (embedded PostgreSQL):
// PostgreSQL is stopped cleanly, kept down for DOWN_SECONDS, started again on the same port and data,
// while one client polls GET /api/v1/me through the proxy and a paired relay session sends a line
// each way every 200 ms. Prints what the client saw and when, and how many lines crossed the relay
// while PostgreSQL was down.
//   npm run build && node scripts/cluster-postgres-restart.js [DOWN_SECONDS]
'use strict';
/* global fetch, AbortSignal, setTimeout, setInterval, clearInterval, Buffer */
const WebSocket = require('ws');
const { startCluster } = require('./cluster');

const DOWN_SECONDS = Number(process.argv[2] ?? 10);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function call(cluster, method, path, body, token = cluster.adminToken) {
  const res = await fetch(`${cluster.url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

function open(url, ticket) {
  const ws = new WebSocket(url, ['rcgate.v1', `rcgate.ticket.${ticket}`], { perMessageDeflate: false });
  const lines = [];
  ws.on('message', (data) => lines.push(...data.toString().split('\n').filter(Boolean)));
  return new Promise((done, fail) => {
    ws.once('open', () => done({ ws, lines }));
    ws.once('error', fail);
  });
}

/** One device, full control without a prompt, a session paired through the proxy. */
async function pairedSession(cluster) {
  await call(cluster, 'POST', '/sites', { code: 'S01', name: 'Site 1', type: 'primary' });
  const { key } = await call(cluster, 'POST', '/enrollment-keys', { name: 'measure', siteCode: 'S01' });
  const settings = await call(cluster, 'POST', '/client-settings', { name: 'measure', remoteTools: { enableRemoteControl: true, promptUserForPermission: false, permittedViewers: ['admin'] } });
  await call(cluster, 'PUT', `/client-settings/${settings.id}/deployments/all-systems`);
  const device = await call(cluster, 'POST', '/agent/enroll', { enrollmentKey: key, name: 'PC-MEASURE', joinType: 'domain', domain: 'contoso.com' }, null);
  await call(cluster, 'POST', '/agent/heartbeat', { currentUser: 'CONTOSO\\bob' }, device.deviceToken);
  const session = await call(cluster, 'POST', '/sessions', { deviceId: device.deviceId, type: 'remoteControl', accessLevel: 'fullControl' });
  const offers = await call(cluster, 'GET', '/agent/offers?wait=5', undefined, device.deviceToken);
  const viewer = await open(session.relayUrl, session.viewerTicket);
  const agent = await open(offers.value[0].relayUrl, offers.value[0].agentTicket);
  return { viewer, agent };
}

async function main() {
  const cluster = await startCluster({ log: (line) => process.stderr.write(`cluster: ${line}\n`) });
  const { viewer, agent } = await pairedSession(cluster);
  let sent = 0;
  const pump = setInterval(() => {
    sent++;
    viewer.ws.send(Buffer.from(`v${sent}\n`));
    agent.ws.send(Buffer.from(`a${sent}\n`));
  }, 200);
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
    const crossedBefore = agent.lines.length + viewer.lines.length;
    await sleep(DOWN_SECONDS * 1000);
    const crossedWhileDown = agent.lines.length + viewer.lines.length - crossedBefore;
    const startAt = Date.now() - t0;
    await cluster.nodes.database.start(120_000);
    const readyAt = Date.now() - t0;
    const deadline = Date.now() + 120_000;
    const answered = () => seen.find((s) => s.status === 200 && s.answeredAtMs > readyAt);
    while (Date.now() < deadline && !answered()) await sleep(100);
    await sleep(2000);
    polling = false;
    await poller;
    clearInterval(pump);
    const relayed = { linesSent: sent * 2, linesReceived: agent.lines.length + viewer.lines.length, crossedWhileDown, streamOpen: viewer.ws.readyState === WebSocket.OPEN && agent.ws.readyState === WebSocket.OPEN };
    const back = answered();
    process.stdout.write(
      `${JSON.stringify({ downSeconds: DOWN_SECONDS, stopRequestedMs: stopAt, stoppedMs: stoppedAt, startRequestedMs: startAt, postgresReadyMs: readyAt, firstAnswerAfterPostgresReadyMs: back ? back.answeredAtMs - readyAt : null, relayed, statusChanges: seen }, null, 1)}\n`,
    );
  } finally {
    clearInterval(pump);
    polling = false;
    await cluster.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

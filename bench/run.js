#!/usr/bin/env node
'use strict';
// Issue 9's benchmark suite. `npm run bench` (full) or `npm run bench -- --quick` (< 60 s).
// Everything runs on 127.0.0.1: rcgate (API + embedded relay, embedded PostgreSQL in a temp
// DATA_DIR) in a child process, the raw TCP pipe in a child process, websockify if installed.
const { randomBytes } = require('node:crypto');
const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const { join } = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const autocannon = require('autocannon');
const { Client } = require('pg');
const L = require('./lib');

const QUICK = process.argv.includes('--quick');
const ONLY = (process.argv.find((a) => a.startsWith('--only=')) || '').slice(7); // debugging: relay | api
const P = QUICK
  ? { reps: 1, tputSeconds: 0.5, tputPairs: [1, 10], latPairs: 20, latSeconds: 1, idle: 200, setupSamples: 20, devices: 10000, collections: 40, apiSeconds: 1, apiReps: 1, importDevices: 1000, importReps: 1, evalReps: 3 }
  : { reps: 3, tputSeconds: 2, tputPairs: [1, 10, 100], latPairs: 100, latSeconds: 3, idle: 2000, setupSamples: 200, devices: 100000, collections: 200, apiSeconds: 5, apiReps: 3, importDevices: 10000, importReps: 3, evalReps: 3 };
// Overrides for focused relay runs (before/after comparisons): --reps=N --seconds=S --pairs=1,10 --lat-pairs=N --idle=N.
const arg = (name) => (process.argv.find((a) => a.startsWith(`--${name}=`)) || '').slice(name.length + 3);
if (arg('reps')) P.reps = Number(arg('reps'));
if (arg('seconds')) P.tputSeconds = Number(arg('seconds'));
if (arg('pairs')) P.tputPairs = arg('pairs').split(',').map(Number);
if (arg('lat-pairs')) P.latPairs = Number(arg('lat-pairs'));
if (arg('idle')) P.idle = Number(arg('idle'));
const SKIP = new Set(arg('skip').split(',')); // e.g. --skip=tput,lat,idle,setup
// WebSocket ends of the load generator: 'raw' (default) writes pre-framed messages and counts payload bytes
// without parsing them, about what a TCP end costs; 'ws' uses the ws library (masking each send, copying, events).
const CLIENT = arg('client') || 'raw';
const SENDER_HWM = 1024 * 1024;
const openWsEnd = async (url, protocols) => (CLIENT === 'ws' ? L.wsEndpoint(await L.openWs(url, protocols), SENDER_HWM) : L.rawWsEndpoint(await L.openRawWs(url.replace(/^ws/, 'http'), protocols)));
const CHUNK = Buffer.alloc(64 * 1024, 0x5a);
const FULL_SETTINGS = { enableRemoteControl: true, promptUserForPermission: false, accessLevel: 'fullControl', allowUnattendedComputer: true, permittedViewers: ['admin', 'CONTOSO\\Helpdesk'], manageSolicitedRemoteAssistance: true, remoteAssistanceAccessLevel: 'fullControl', manageRemoteDesktop: true, allowPermittedViewersRemoteDesktop: true };
const started = Date.now();
const log = (...a) => console.error(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s]`, ...a);

const results = { mode: QUICK ? 'quick' : 'full', client: CLIENT, startedAt: new Date().toISOString(), params: P, machine: machine(), figures: {}, windows: [], notes: [] };
const cleanups = [];

function machine() {
  const sh = (c, a) => { try { return execFileSync(c, a, { encoding: 'utf8' }).trim(); } catch { return 'n/a'; } };
  return { nproc: sh('nproc', []), free: sh('free', ['-h']), uname: sh('uname', ['-a']), node: process.version, cpus: os.cpus()[0]?.model };
}

// ---------------------------------------------------------------- HTTP helpers
let API = '';
let ADMIN = '';
async function http(method, path, body, token = ADMIN, contentType = 'application/json') {
  const res = await fetch(API + path, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
  return { status: res.status, body: json };
}
async function must(method, path, body, token, okStatuses = [200, 201]) {
  const res = await http(method, path, body, token);
  if (!okStatuses.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body;
}

// ---------------------------------------------------------------- targets: pair factories
/** Each target opens one pair at a time: { viewer, agent } endpoints. */
function relayTarget(server) {
  return {
    name: 'relay',
    pid: server.pid,
    async openPairs(n) {
      const { sessions } = await server.request({ cmd: 'mint', n });
      return L.mapLimit(sessions, 50, async (s) => {
        const [viewer, agent] = await Promise.all([openWsEnd(server.relayUrl, ['rcgate.v1', `rcgate.ticket.${s.viewer}`]), openWsEnd(server.relayUrl, ['rcgate.v1', `rcgate.ticket.${s.agent}`])]);
        return { viewer, agent };
      });
    },
  };
}

function rawTarget(port, pid) {
  return {
    name: 'raw',
    pid,
    async openPairs(n) {
      const pairs = [];
      // Sequential: the pipe pairs consecutive connections.
      for (let i = 0; i < n; i++) {
        const v = await L.openTcp(port);
        const a = await L.openTcp(port);
        pairs.push({ viewer: L.tcpEndpoint(v), agent: L.tcpEndpoint(a) });
      }
      await L.sleep(50);
      return pairs;
    },
  };
}

function wsFloorTarget(port, pid) {
  return {
    name: 'wsfloor',
    pid,
    async openPairs(n) {
      const pairs = [];
      // Sequential: the floor relay pairs consecutive connections.
      for (let i = 0; i < n; i++) {
        const viewer = await openWsEnd(`ws://127.0.0.1:${port}/`, ['x']);
        const agent = await openWsEnd(`ws://127.0.0.1:${port}/`, ['x']);
        pairs.push({ viewer, agent });
      }
      return pairs;
    },
  };
}

function websockifyTarget(port, pid, sink) {
  return {
    name: 'websockify',
    pid,
    async openPairs(n) {
      const pairs = [];
      for (let i = 0; i < n; i++) {
        const accepted = sink.next();
        const viewer = await openWsEnd(`ws://127.0.0.1:${port}/`, ['binary']);
        const a = await accepted;
        pairs.push({ viewer, agent: L.tcpEndpoint(a) });
      }
      return pairs;
    },
  };
}

/** The TCP side websockify connects to: hands accepted sockets out in order. */
function tcpSink() {
  const queue = [];
  const waiters = [];
  const server = net.createServer({ noDelay: true }, (s) => {
    s.setNoDelay(true);
    s.on('error', () => undefined);
    const w = waiters.shift();
    if (w) w(s); else queue.push(s);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port,
    next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r))),
    close: () => server.close(),
  })));
}

// ---------------------------------------------------------------- relay measurements
function attachCounters(pairs) {
  for (const p of pairs) {
    p.toAgent = 0;
    p.toViewer = 0;
    p.agent.onData((d) => { p.toAgent += d.length; if (p.onAgentData) p.onAgentData(d); });
    p.viewer.onData((d) => { p.toViewer += d.length; if (p.onViewerData) p.onViewerData(d); });
  }
}

function startSender(ep, state) {
  const loop = () => {
    for (let i = 0; i < 64; i++) {
      if (state.stop) return;
      if (!ep.send(CHUNK)) { ep.onceDrain(loop); return; }
    }
    setImmediate(loop);
  };
  loop();
}

async function throughput(target, pairs, direction, seconds) {
  const state = { stop: false };
  const count = () => pairs.reduce((s, p) => s + (direction === 'v2a' ? p.toAgent : p.toViewer), 0);
  for (const p of pairs) startSender(direction === 'v2a' ? p.viewer : p.agent, state);
  await L.sleep(300);
  const b0 = count();
  const c0 = L.cpuSeconds(target.pid);
  const g0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await L.sleep(seconds * 1000);
  const b1 = count();
  const c1 = L.cpuSeconds(target.pid);
  const g1 = process.cpuUsage(g0);
  const t1 = process.hrtime.bigint();
  state.stop = true;
  // Let what is queued drain before the next measurement.
  let last = -1;
  for (let i = 0; i < 50 && count() !== last; i++) { last = count(); await L.sleep(60); }
  const secs = Number(t1 - t0) / 1e9;
  const bytes = b1 - b0;
  // Monotonic µs, the clock of --cpu-prof samples: lets a profile be cut to the measuring windows.
  results.windows.push({ target: target.name, direction, pairs: pairs.length, startUs: Number(t0 / 1000n), endUs: Number(t1 / 1000n), bytes });
  // The load generator's own CPU (this process: both ends of every pair), to show how much of the machine it takes.
  return { mbps: bytes / secs / 1e6, cpuPerGB: bytes > 0 ? (c1 - c0) / (bytes / 1e9) : NaN, clientCpuPerGB: bytes > 0 ? (g1.user + g1.system) / 1e6 / (bytes / 1e9) : NaN };
}

async function latency(pairs, seconds) {
  const samples = [];
  let stop = false;
  const msg = Buffer.alloc(64, 0x41);
  await Promise.all(pairs.map((p) => new Promise((resolve) => {
    let got = 0;
    let t0 = 0n;
    p.onAgentData = (d) => p.agent.send(msg.subarray(0, d.length)); // echo as many bytes as arrived
    const fire = () => { if (stop) { p.onViewerData = null; p.onAgentData = null; resolve(); return; } got = 0; t0 = process.hrtime.bigint(); p.viewer.send(msg); };
    p.onViewerData = (d) => {
      got += d.length;
      if (got >= 64) { samples.push(Number(process.hrtime.bigint() - t0) / 1e6); fire(); }
    };
    fire();
  }).catch(() => undefined)).concat([L.sleep(seconds * 1000).then(() => { stop = true; })]));
  samples.sort((a, b) => a - b);
  return { n: samples.length, p50: L.percentile(samples, 50), p99: L.percentile(samples, 99), p999: L.percentile(samples, 99.9) };
}

// ---------------------------------------------------------------- figures
function put(key, values, unit, extra = {}) {
  results.figures[key] = { unit, ...L.summarize(values), ...extra };
}

async function relayFigures(server, targets) {
  // Throughput and CPU per GB, per pair count, per direction, targets interleaved within each repetition.
  for (const n of SKIP.has('tput') ? [] : P.tputPairs) {
    log(`throughput: opening ${n} pair(s) per target`);
    const open = {};
    for (const t of targets) { open[t.name] = await t.openPairs(n); attachCounters(open[t.name]); }
    for (const dir of ['v2a', 'a2v']) {
      const acc = {};
      for (let r = 0; r < P.reps; r++) {
        for (const t of targets) {
          if (t.name === 'websockify' && dir === 'a2v' && QUICK) continue; // only viewer→agent has a websockify target
          const m = await throughput(t, open[t.name], dir, P.tputSeconds);
          (acc[t.name] ??= { mbps: [], cpu: [], client: [] }).mbps.push(m.mbps);
          acc[t.name].cpu.push(m.cpuPerGB);
          acc[t.name].client.push(m.clientCpuPerGB);
        }
      }
      for (const [name, a] of Object.entries(acc)) {
        put(`tput.${dir}.${n}.${name}`, a.mbps, 'MB/s');
        if (name !== 'websockify') put(`cpuPerGB.${dir}.${n}.${name}`, a.cpu, 'CPU s/GB');
        put(`clientCpuPerGB.${dir}.${n}.${name}`, a.client, 'CPU s/GB');
      }
      log(`throughput ${dir} ${n} pair(s):`, Object.entries(acc).map(([k, a]) => `${k} ${L.summarize(a.mbps).median.toFixed(0)} MB/s`).join(', '));
    }
    for (const t of targets) for (const p of open[t.name]) { p.viewer.close(); p.agent.close(); }
    await L.sleep(300);
  }

  if (SKIP.has('lat')) return;
  log(`latency: ${P.latPairs} active pairs`);
  const open = {};
  for (const t of targets) { open[t.name] = await t.openPairs(P.latPairs); attachCounters(open[t.name]); }
  const acc = {};
  for (let r = 0; r < P.reps; r++) {
    for (const t of targets) {
      const m = await latency(open[t.name], P.latSeconds);
      const a = (acc[t.name] ??= { p50: [], p99: [], p999: [], n: 0 });
      a.p50.push(m.p50); a.p99.push(m.p99); a.p999.push(m.p999); a.n += m.n;
    }
  }
  for (const [name, a] of Object.entries(acc)) {
    put(`lat.p50.${name}`, a.p50, 'ms', { samples: a.n });
    put(`lat.p99.${name}`, a.p99, 'ms', { samples: a.n });
    put(`lat.p999.${name}`, a.p999, 'ms', { samples: a.n });
  }
  // Added p99 per repetition (relay − raw of the same repetition).
  put('lat.addedP99', acc.relay.p99.map((v, i) => v - acc.raw.p99[i]), 'ms');
  if (acc.wsfloor) put('lat.addedP99.wsfloor', acc.wsfloor.p99.map((v, i) => v - acc.raw.p99[i]), 'ms');
  log('latency p99:', Object.entries(acc).map(([k, a]) => `${k} ${L.summarize(a.p99).median.toFixed(2)} ms`).join(', '));
  for (const t of targets) for (const p of open[t.name]) { p.viewer.close(); p.agent.close(); }
  await L.sleep(500);
}

async function idleMemory(server) {
  const n = P.idle;
  log(`idle memory: minting ${n} sessions in-process, then connecting ${n} idle pairs`);
  const { sessions } = await server.request({ cmd: 'mint', n });
  await L.sleep(500);
  const before = await server.request({ cmd: 'stats', gc: true });
  const rss0 = L.rssBytes(server.pid);
  const t0 = Date.now();
  const pairs = await L.mapLimit(sessions, 100, async (s) => {
    const [v, a] = await Promise.all([L.openWs(server.relayUrl, ['rcgate.v1', `rcgate.ticket.${s.viewer}`]), L.openWs(server.relayUrl, ['rcgate.v1', `rcgate.ticket.${s.agent}`])]);
    return [v, a];
  });
  const connectSecs = (Date.now() - t0) / 1000;
  await L.sleep(QUICK ? 700 : 1500);
  const after = await server.request({ cmd: 'stats', gc: true });
  const rss1 = L.rssBytes(server.pid);
  const growthMiB = (rss1 - rss0) / 1048576;
  put('idle.rssGrowth', [growthMiB], 'MiB', { sessions: n, perSessionKiB: ((rss1 - rss0) / 1024 / n), heapGrowthMiB: (after.heap - before.heap) / 1048576, projected10kMiB: ((rss1 - rss0) / n) * 10000 / 1048576, connectSeconds: connectSecs });
  put('idle.projected10k', [((rss1 - rss0) / n) * 10000 / 1048576], 'MiB');
  log(`idle: +${growthMiB.toFixed(1)} MiB RSS for ${n} pairs (${((rss1 - rss0) / 1024 / n).toFixed(1)} KiB/pair), connected in ${connectSecs.toFixed(1)} s`);
  for (const [v, a] of pairs) { v.terminate(); a.terminate(); }
  await L.sleep(500);
}

async function setupTime(server, agents) {
  log(`set-up: ${P.setupSamples} sessions through POST /sessions → offers → relay → first byte`);
  const samples = [];
  for (let i = 0; i < P.setupSamples; i++) {
    const agent = agents[i % agents.length];
    const t0 = process.hrtime.bigint();
    const s = await must('POST', '/api/v1/sessions', { deviceId: agent.deviceId, type: 'remoteControl', accessLevel: 'fullControl' });
    const offers = await must('GET', '/api/v1/agent/offers?wait=0', undefined, agent.deviceToken);
    const offer = offers.value.find((o) => o.sessionId === s.id);
    if (!offer?.agentTicket) throw new Error(`no agent ticket offered for ${s.id}`);
    const [v, a] = await Promise.all([L.openWs(s.relayUrl ?? offer.relayUrl, ['rcgate.v1', `rcgate.ticket.${s.viewerTicket}`]), L.openWs(offer.relayUrl, ['rcgate.v1', `rcgate.ticket.${offer.agentTicket}`])]);
    const first = new Promise((resolve) => v.once('message', resolve));
    a.send(Buffer.from([1]));
    await first;
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    v.terminate(); a.terminate();
    await http('POST', `/api/v1/sessions/${s.id}/end`, {});
  }
  samples.sort((x, y) => x - y);
  put('setup.p50', [L.percentile(samples, 50)], 'ms', { samples: samples.length });
  put('setup.p99', [L.percentile(samples, 99)], 'ms', { samples: samples.length });
  log(`set-up p50 ${L.percentile(samples, 50).toFixed(1)} ms, p99 ${L.percentile(samples, 99).toFixed(1)} ms`);
}

// ---------------------------------------------------------------- API figures
function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 10, duration: P.apiSeconds, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

async function apiFigures(ctx) {
  const { deviceIds, sessionDevice, collectionId } = ctx;
  let k = 0;
  const cases = [
    // Throughput: 10 connections. The p99 figures below: 1 connection (latency at light load, not queueing behind 9 others).
    ['api.postSessions', { url: `${API}/api/v1/sessions`, method: 'POST', body: JSON.stringify({ deviceId: sessionDevice, type: 'remoteControl', accessLevel: 'viewOnly' }) }],
    ['api.devicesTop100', { connections: 1, url: `${API}/api/v1/devices?top=100` }],
    ['api.devicesTop100Filter', { connections: 1, url: `${API}/api/v1/devices?top=100&filter=${encodeURIComponent("startswith(name,'ENG-')")}` }],
    ['api.resultant', { connections: 1, url: API, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/devices/${deviceIds[k++ % deviceIds.length]}/resultant-settings` }) }] }],
    ['api.graphql', { connections: 1, url: `${API}/graphql`, method: 'POST', body: JSON.stringify({ query: '{ devices(first: 100) { nodes { id name online collections(first: 10) { nodes { id name } } resultantSettings { sourceClientSettingsId evaluatedAt remoteTools { enableRemoteControl accessLevel } } } } }' }) }],
    // The last department in name order: a prefix whose names all come after ~88 % of the others.
    ['api.devicesTop100FilterLate', { connections: 1, url: `${API}/api/v1/devices?top=100&filter=${encodeURIComponent("startswith(name,'SRV-')")}` }],
  ];
  // One probe each: the figure only counts if the request succeeds.
  const probe = await http('POST', '/graphql', { query: '{ devices(first: 2) { nodes { id collections(first: 20) { nodes { id } } resultantSettings { sourceClientSettingsId } } } }' });
  const probe100 = await http('POST', '/graphql', JSON.parse(cases[4][1].body));
  if (probe100.status !== 200 || probe100.body.errors) log(`GraphQL first:100 probe: ${probe100.status} ${JSON.stringify(probe100.body).slice(0, 300)}`);
  if (probe.status !== 200 || probe.body.errors) throw new Error(`GraphQL probe: ${probe.status} ${JSON.stringify(probe.body).slice(0, 400)}`);
  for (const [key, opts] of cases) {
    const rps = [], p50 = [], p99 = [];
    let non2xx = 0, errors = 0;
    for (let r = 0; r < P.apiReps; r++) {
      const res = await cannon(opts);
      rps.push(res.requests.average); p50.push(res.latency.p50); p99.push(res.latency.p99);
      non2xx += res.non2xx; errors += res.errors + res.timeouts;
    }
    put(`${key}.rps`, rps, 'req/s', { non2xx, errors, connections: opts.connections ?? 10 });
    put(`${key}.p50`, p50, 'ms');
    put(`${key}.p99`, p99, 'ms', { non2xx, errors });
    log(`${key}: ${L.summarize(rps).median.toFixed(0)} req/s, p99 ${L.summarize(p99).median} ms, non2xx ${non2xx}, errors ${errors}`);
  }

  const importSecs = [];
  for (let r = 0; r < P.importReps; r++) {
    const tag = randomBytes(2).toString('hex').toUpperCase();
    const devices = Array.from({ length: P.importDevices }, (_, i) => ({ name: `I${tag}-${String(i).padStart(5, '0')}`, siteCode: 'P01', joinType: 'domain', domain: 'contoso.com' }));
    const body = JSON.stringify(devices);
    const t0 = process.hrtime.bigint();
    const res = await http('POST', '/api/v1/devices/import', body);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    importSecs.push(secs);
  }
  // Quick mode imports fewer devices and projects linearly to 10,000 (said so in the table).
  put('api.import10k', importSecs.map((x) => (x * 10000) / P.importDevices), 's', { importedPerRun: P.importDevices, measuredSeconds: importSecs, projected: P.importDevices !== 10000 });
  log(`import ${P.importDevices}: ${L.summarize(importSecs).median.toFixed(2)} s`);

  const evalSecs = [];
  for (let r = 0; r < P.evalReps; r++) {
    const t0 = process.hrtime.bigint();
    const res = await http('POST', `/api/v1/collections/${collectionId}/evaluate`, {});
    if (res.status >= 300) throw new Error(`evaluate: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    evalSecs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  put('api.evaluate', evalSecs, 's', { collection: ctx.collectionName });
  log(`evaluate '${ctx.collectionName}': ${L.summarize(evalSecs).median.toFixed(2)} s`);
}

// ---------------------------------------------------------------- output
const fmt = (x, d = 1) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(d)) : 'n/a');
function row(label, key, ref, { ratio = 'div', target, digits = 1 } = {}) {
  const f = results.figures[key];
  if (!f) return null;
  const r = ref ? results.figures[ref] : undefined;
  let ratioText = '';
  let value = NaN;
  if (r && ratio === 'div') { value = f.median / r.median; ratioText = `${(value * 100).toFixed(0)} % of ${ref.split('.').pop()}`; }
  const met = target ? target(f, value) : undefined;
  return { label, key, median: f.median, min: f.min, max: f.max, n: f.n, unit: f.unit, ref: r ? `${fmt(r.median, digits)} (${ref.split('.').pop()})` : '', ratio: ratioText, ratioValue: value, met };
}

function table() {
  const rows = [];
  const add = (x) => x && rows.push(x);
  for (const n of P.tputPairs) {
    for (const dir of ['v2a', 'a2v']) {
      const d = dir === 'v2a' ? 'viewer→agent' : 'agent→viewer';
      add(row(`Throughput ${d}, ${n} pair(s)`, `tput.${dir}.${n}.relay`, `tput.${dir}.${n}.raw`, { target: n <= 10 ? (_, v) => v >= 0.8 : undefined }));
      if (dir === 'v2a') add(row(`Throughput ${d}, ${n} pair(s) vs websockify`, `tput.${dir}.${n}.relay`, `tput.${dir}.${n}.websockify`, { target: (_, v) => v >= 2 }));
      add(row(`CPU per GB ${d}, ${n} pair(s)`, `cpuPerGB.${dir}.${n}.relay`, `cpuPerGB.${dir}.${n}.raw`, { target: (_, v) => v <= 1.5, digits: 2 }));
      add(row(`(ws floor: minimal ws relay, CPU per GB ${d}, ${n} pair(s))`, `cpuPerGB.${dir}.${n}.wsfloor`, `cpuPerGB.${dir}.${n}.raw`, { digits: 2 }));
      add(row(`(rcgate relay vs ws floor, CPU per GB ${d}, ${n} pair(s))`, `cpuPerGB.${dir}.${n}.relay`, `cpuPerGB.${dir}.${n}.wsfloor`, { digits: 2 }));
      add(row(`(load generator CPU per GB ${d}, ${n} pair(s), relay run)`, `clientCpuPerGB.${dir}.${n}.relay`, `clientCpuPerGB.${dir}.${n}.raw`, { digits: 2 }));
    }
  }
  add(row(`RTT p50, 64 B, ${P.latPairs} pairs`, 'lat.p50.relay', 'lat.p50.raw', { digits: 2 }));
  add(row(`RTT p99, 64 B, ${P.latPairs} pairs`, 'lat.p99.relay', 'lat.p99.raw', { digits: 2 }));
  add(row(`RTT p99.9, 64 B, ${P.latPairs} pairs`, 'lat.p999.relay', 'lat.p999.raw', { digits: 2 }));
  add(row(`Added p99 (relay − raw), ${P.latPairs} pairs`, 'lat.addedP99', null, { target: (f) => f.median <= 1, digits: 2 }));
  add(row(`(ws floor: added p99 (minimal ws relay − raw), ${P.latPairs} pairs)`, 'lat.addedP99.wsfloor', null, { digits: 2 }));
  add(row(`Idle RSS growth, ${P.idle} paired sessions`, 'idle.rssGrowth', null, {}));
  // Below ~1,000 sessions the growth is within RSS noise (GC, allocator): no verdict from the quick run.
  add(row('Idle RSS growth projected to 10,000 sessions (linear)', 'idle.projected10k', null, { target: P.idle >= 1000 ? (f) => f.median <= 200 : undefined }));
  add(row('Set-up POST /sessions → first byte, p50', 'setup.p50', null));
  add(row('Set-up POST /sessions → first byte, p99', 'setup.p99', null, { target: (f) => f.median <= 50 }));
  add(row('POST /sessions (viewOnly, full policy path), 10 connections', 'api.postSessions.rps', null, { target: (f) => f.median >= 500 }));
  add(row('POST /sessions p99, 10 connections', 'api.postSessions.p99', null));
  add(row('GET /devices?top=100 p99, 1 connection', 'api.devicesTop100.p99', null, { target: (f) => f.median <= 20 }));
  add(row('GET /devices?top=100 req/s, 1 connection', 'api.devicesTop100.rps', null));
  add(row("GET /devices?top=100&filter=startswith(name,'ENG-') p99, 1 connection", 'api.devicesTop100Filter.p99', null, { target: (f) => f.median <= 20 }));
  add(row("GET /devices?top=100&filter=startswith(name,'SRV-') p99, 1 connection", 'api.devicesTop100FilterLate.p99', null, { target: (f) => f.median <= 20 }));
  add(row('GET /devices/{id}/resultant-settings p99, 1 connection', 'api.resultant.p99', null, { target: (f) => f.median <= 5 }));
  add(row('GraphQL devices(first:100){collections(first:10), resultantSettings} p99, 1 connection', 'api.graphql.p99', null, { target: (f) => f.median <= 50 }));
  add(row(P.importDevices === 10000 ? 'Import 10,000 devices' : `Import 10,000 devices (projected ×${10000 / P.importDevices} from ${P.importDevices})`, 'api.import10k', null, { target: (f) => f.median <= 3, digits: 2 }));
  add(row(`Full evaluation of query collection`, 'api.evaluate', null, { target: (f) => f.median <= 2, digits: 2 }));
  return rows;
}

function markdown(rows) {
  const lines = ['| Figure | Median | Min | Max | n | Unit | Reference | Ratio | Target |', '|---|---:|---:|---:|---:|---|---:|---|---|'];
  for (const r of rows) {
    const d = r.unit === 'ms' || r.unit === 's' || r.unit.startsWith('CPU') ? 2 : 1;
    lines.push(`| ${r.label} | ${fmt(r.median, d)} | ${fmt(r.min, d)} | ${fmt(r.max, d)} | ${r.n} | ${r.unit} | ${r.ref} | ${r.ratio} | ${r.met === undefined ? '' : r.met ? 'met' : '**not met**'} |`);
  }
  return lines.join('\n');
}

function svg() {
  const series = [
    ['relay v→a', 'tput.v2a.%.relay', '#d62728'], ['raw pipe v→a', 'tput.v2a.%.raw', '#1f77b4'], ['websockify v→a', 'tput.v2a.%.websockify', '#2ca02c'],
    ['relay a→v', 'tput.a2v.%.relay', '#ff9896'], ['raw pipe a→v', 'tput.a2v.%.raw', '#aec7e8'], ['websockify a→v', 'tput.a2v.%.websockify', '#98df8a'],
  ];
  const W = 640, H = 400, L0 = 70, R0 = 170, T0 = 30, B0 = 50;
  const xs = P.tputPairs;
  let max = 0;
  for (const [, k] of series) for (const n of xs) max = Math.max(max, results.figures[k.replace('%', n)]?.median || 0);
  max = Math.ceil(max / 100) * 100 || 100;
  const x = (i) => L0 + (xs.length === 1 ? 0 : (i * (W - L0 - R0)) / (xs.length - 1));
  const y = (v) => H - B0 - (v / max) * (H - T0 - B0);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`, `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">Relay throughput vs pairs (${results.mode}, ${results.startedAt.slice(0, 10)})</text>`];
  for (let t = 0; t <= 4; t++) { const v = (max * t) / 4; out.push(`<line x1="${L0}" x2="${W - R0}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${L0 - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>`); }
  xs.forEach((n, i) => out.push(`<text x="${x(i)}" y="${H - B0 + 18}" text-anchor="middle">${n}</text>`));
  out.push(`<text x="${(L0 + W - R0) / 2}" y="${H - 12}" text-anchor="middle">pairs</text><text x="16" y="${H / 2}" transform="rotate(-90 16 ${H / 2})" text-anchor="middle">MB/s (median)</text>`);
  series.forEach(([name, k, color], si) => {
    const pts = xs.map((n, i) => [i, results.figures[k.replace('%', n)]?.median]).filter(([, v]) => Number.isFinite(v));
    if (!pts.length) return;
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(([i, v]) => `${x(i)},${y(v)}`).join(' ')}"/>`);
    for (const [i, v] of pts) out.push(`<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="${color}"/>`);
    out.push(`<rect x="${W - R0 + 12}" y="${T0 + si * 18}" width="12" height="3" fill="${color}"/><text x="${W - R0 + 30}" y="${T0 + si * 18 + 5}">${name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

// ---------------------------------------------------------------- main
async function main() {
  log(`mode: ${results.mode}`);
  const dataDir = mkdtempSync(join(os.tmpdir(), 'rcgate-bench-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  ADMIN = `rcg_bench_${randomBytes(24).toString('base64url')}`;
  const env = {
    DATA_DIR: dataDir, BOOTSTRAP_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0',
    // The loader caps these at 1,000,000 per minute.
    RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '1000000', TICKET_FAILURES_PER_MINUTE: '1000000',
    AGENT_OFFLINE_AFTER_SECONDS: '86400', TICKET_TTL_SECONDS: '300',
    // Every socket comes from 127.0.0.1 (up to 2 × 2,000 idle pairs plus the throughput pairs).
    WS_CONNECTIONS_PER_ADDRESS: '100000',
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  const srv = L.forkChild(join(__dirname, 'server-child.js'), { env, execArgv: ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : []), ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])] });
  cleanups.push(async () => { try { await Promise.race([srv.request({ cmd: 'stop' }), L.sleep(8000)]); } catch { /* gone */ } srv.child.kill(); });
  const info = await srv.ready;
  const server = { ...info, request: srv.request };
  API = info.url;
  log(`rcgate at ${API} (pid ${info.pid})`);

  const raw = L.forkChild(join(__dirname, 'raw-pipe.js'));
  cleanups.push(() => raw.child.kill());
  const rawInfo = await raw.ready;

  const targets = [relayTarget(server), rawTarget(rawInfo.port, rawInfo.pid)];
  if (process.argv.includes('--ws-floor')) {
    const floor = L.forkChild(join(__dirname, 'ws-floor-relay.js'));
    cleanups.push(() => floor.child.kill());
    const floorInfo = await floor.ready;
    targets.push(wsFloorTarget(floorInfo.port, floorInfo.pid));
  }
  let hasWebsockify = false;
  try { execFileSync('sh', ['-c', 'command -v websockify'], { stdio: 'ignore' }); hasWebsockify = true; } catch { /* absent */ }
  if (hasWebsockify) {
    const sink = await tcpSink();
    cleanups.push(() => sink.close());
    const port = await new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
    const ws = spawn('websockify', [`127.0.0.1:${port}`, `127.0.0.1:${sink.port}`], { stdio: 'ignore' });
    cleanups.push(() => ws.kill());
    for (let i = 0; i < 100; i++) { try { (await L.openTcp(port)).destroy(); break; } catch { await L.sleep(50); } }
    targets.push(websockifyTarget(port, ws.pid, sink));
    results.notes.push('websockify forks one process per connection, so its CPU is not comparable and is not reported.');
  } else {
    console.error('NOTICE: websockify not found (Debian: apt-get install -y websockify); the websockify reference is skipped.');
    results.notes.push('websockify absent: skipped');
  }

  // Inventory: the seed script's logic, against the server's database.
  // The relay figures need only the seeded sites (and the agents enrolled below): a small seed for --only=relay.
  if (ONLY === 'relay') Object.assign(P, { devices: 1000, collections: 40 });
  log(`seeding ${P.devices} devices`);
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'seed.js'), '--devices', String(P.devices), '--collections', String(P.collections)], { env: { ...process.env, DATABASE_URL: info.databaseUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
  const pg = new Client({ connectionString: info.databaseUrl });
  await pg.connect();
  cleanups.push(() => pg.end());
  // Client settings that enable Remote Control and permit 'admin', deployed to All Systems (as the fixtures do).
  const cs = await must('POST', '/api/v1/client-settings', { name: 'bench-remote-tools', remoteTools: FULL_SETTINGS, priority: 100 });
  await must('PUT', `/api/v1/client-settings/${cs.id}/deployments/all-systems`, undefined, ADMIN, [200, 201]);
  const key = (await must('POST', '/api/v1/enrollment-keys', { name: 'bench', siteCode: 'P01' })).key;
  const agents = [];
  for (let i = 0; i < 6; i++) {
    const a = await must('POST', '/api/v1/agent/enroll', { enrollmentKey: key, name: `BENCH-${i}`, joinType: 'domain', domain: 'contoso.com', osName: 'Windows 11' }, '');
    await must('POST', '/api/v1/agent/heartbeat', { currentUser: 'CONTOSO\\bob', ipAddresses: ['10.0.0.5'] }, a.deviceToken);
    agents.push(a);
  }
  if (!QUICK) await L.settle(5000);
  log('inventory ready');

  if (ONLY !== 'api') {
    await relayFigures(server, targets);
    if (!QUICK) await L.settle(5000);
    if (!SKIP.has('idle')) await idleMemory(server);
  }
  if (!QUICK) await L.settle(5000);
  if (!SKIP.has('setup')) await setupTime(server, agents.slice(1));
  if (!QUICK) await L.settle(5000);

  const deviceIds = (await pg.query('SELECT id FROM devices ORDER BY random() LIMIT 1000')).rows.map((r) => r.id);
  const col = (await pg.query("SELECT id, name FROM collections WHERE name = 'Department ENG'")).rows[0];
  if (ONLY !== 'relay') await apiFigures({ deviceIds, sessionDevice: agents[0].deviceId, collectionId: col.id, collectionName: col.name });

  const rows = table();
  results.table = rows;
  results.finishedAt = new Date().toISOString();
  results.seconds = (Date.now() - started) / 1000;
  const md = markdown(rows);
  const outDir = join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(outDir, `${stamp}-throughput.svg`), svg());
  console.log(`\n## rcgate benchmark (${results.mode}${P.reps === 1 ? ', 1 repetition per relay figure' : `, median of ${P.reps}`}) — ${results.startedAt}\n`);
  console.log(md);
  console.log(`\nResults: bench/results/${stamp}.json, plot: bench/results/${stamp}-throughput.svg (${results.seconds.toFixed(1)} s)`);
}

main()
  .catch((error) => { console.error('bench failed:', error); process.exitCode = 1; })
  .finally(async () => {
    for (const c of cleanups.reverse()) { try { await c(); } catch { /* best effort */ } }
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
  });

'use strict';
// Small helpers shared by bench/run.js: child processes, CPU readings, endpoints, statistics.
const { fork, spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const net = require('node:net');
const WebSocket = require('ws');

const CLK_TCK = 100;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) of a process, from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Forks a Node child that sends {ready} first; returns it with a request(msg) helper over IPC. */
function forkChild(script, { env = {}, execArgv = [] } = {}) {
  const child = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let next = 1;
  const pending = new Map();
  child.on('message', (msg) => {
    if (msg && msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(msg.error));
      else resolve(msg);
    }
  });
  const ready = new Promise((resolve, reject) => {
    const onMsg = (msg) => { if (msg && msg.ready) { child.off('message', onMsg); resolve(msg); } };
    child.on('message', onMsg);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  const request = (msg) => new Promise((resolve, reject) => {
    const id = next++;
    pending.set(id, { resolve, reject });
    child.send({ ...msg, id });
  });
  return { child, ready, request };
}

/** An endpoint of a pair: a WebSocket or a TCP socket, with the same small surface. */
function wsEndpoint(ws, highWaterMark) {
  return {
    kind: 'ws',
    send(buf) { ws.send(buf, { binary: true }); return ws.bufferedAmount < highWaterMark; },
    onceDrain(cb) { if (ws._socket) ws._socket.once('drain', cb); else setImmediate(cb); },
    onData(cb) { ws.on('message', (data) => cb(data)); },
    close() { try { ws.terminate(); } catch { /* closed */ } },
    raw: ws,
  };
}

function tcpEndpoint(socket) {
  return {
    kind: 'tcp',
    send(buf) { return socket.write(buf); },
    onceDrain(cb) { socket.once('drain', cb); },
    onData(cb) { socket.on('data', cb); },
    close() { socket.destroy(); },
    raw: socket,
  };
}

function openWs(url, protocols) {
  const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode} from ${url}`)));
    ws.once('error', reject);
  }).then((w) => { w.on('error', () => undefined); return w; });
}

function openTcp(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => resolve(socket));
    socket.once('error', reject);
  }).then((s) => { s.setNoDelay(true); s.on('error', () => undefined); return s; });
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

function summarize(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: NaN, min: NaN, max: NaN, n: 0, values };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length, values };
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) { const k = i++; out[k] = await fn(items[k], k); }
  }));
  return out;
}

function spawnProcess(cmd, args, opts = {}) {
  return spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
}

/** Waits until the whole machine is nearly idle (background writes of the last phase done), at most maxMs. */
async function settle(maxMs, busyBelow = 0.25) {
  const read = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); const idle = f[3] + f[4]; return [f.reduce((a, b) => a + b, 0), idle]; };
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const [t0, i0] = read();
    await sleep(200);
    const [t1, i1] = read();
    if (t1 > t0 && 1 - (i1 - i0) / (t1 - t0) < busyBelow) return;
  }
}

module.exports = { settle, cpuSeconds, rssBytes, forkChild, wsEndpoint, tcpEndpoint, openWs, openTcp, percentile, summarize, mapLimit, sleep, spawnProcess };

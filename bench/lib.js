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

/** Senders keep writing until this much is queued in their socket, whatever the endpoint kind. */
const SENDER_HWM = 1024 * 1024;

function tcpEndpoint(socket) {
  return {
    kind: 'tcp',
    send(buf) { socket.write(buf); return socket.writableLength < SENDER_HWM; },
    onceDrain(cb) { socket.once('drain', cb); },
    onData(cb) { socket.on('data', cb); },
    close() { socket.destroy(); },
    raw: socket,
  };
}

/**
 * A WebSocket client endpoint that costs the load generator about what a TCP endpoint does, so the
 * references and the relay get an equally cheap generator: the handshake is a plain HTTP upgrade,
 * sending writes a frame built once per payload (masked, as RFC 6455 requires of clients, with a
 * fixed non-zero mask so the server still unmasks every byte), and receiving walks the frame headers
 * and counts payload bytes without copying or unmasking them (server frames are unmasked).
 */
const WS_MASK = Buffer.from([0x6d, 0x61, 0x73, 0x6b]);
const frames = new WeakMap();
function maskedFrame(payload, opcode = 0x2) {
  const cache = opcode === 0x2 && payload.length >= 1024;
  let frame = cache ? frames.get(payload) : undefined;
  if (frame) return frame;
  const n = payload.length;
  const lenBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const head = 2 + lenBytes + 4;
  frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | (lenBytes === 0 ? n : lenBytes === 2 ? 126 : 127);
  if (lenBytes === 2) frame.writeUInt16BE(n, 2);
  if (lenBytes === 8) frame.writeBigUInt64BE(BigInt(n), 2);
  WS_MASK.copy(frame, head - 4);
  for (let i = 0; i < n; i++) frame[head + i] = payload[i] ^ WS_MASK[i & 3];
  if (cache) frames.set(payload, frame);
  return frame;
}

/**
 * Counts the payload bytes of the server's (unmasked) frames in a byte stream; calls onPayload(count)
 * per chunk, and onControl(opcode, payload) per control frame (a ping must be answered: the relay
 * terminates a peer that leaves its keep-alive pings unanswered).
 */
function frameCounter(onPayload, onControl) {
  let header = Buffer.alloc(0); // a partial frame header carried over between chunks
  let left = 0; // payload bytes of the current frame still to come
  let opcode = 0;
  let control = []; // payload pieces of the current control frame (at most 125 bytes)
  return (chunk) => {
    let i = 0;
    let payload = 0;
    while (i < chunk.length) {
      if (left > 0) {
        const take = Math.min(left, chunk.length - i);
        if (opcode < 0x8) payload += take;
        else control.push(chunk.subarray(i, i + take));
        left -= take;
        i += take;
        if (left === 0 && opcode >= 0x8) { if (onControl) onControl(opcode, Buffer.concat(control)); control = []; }
        continue;
      }
      // A header: 2 bytes, + 2 or 8 length bytes (servers do not mask).
      const avail = header.length ? Buffer.concat([header, chunk.subarray(i, i + 10)]) : chunk.subarray(i, i + 10);
      if (avail.length < 2) { header = Buffer.from(avail); i = chunk.length; break; }
      const len7 = avail[1] & 0x7f;
      const need = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0);
      if (avail.length < need) { header = Buffer.from(avail); i = chunk.length; break; }
      opcode = avail[0] & 0x0f;
      left = len7 === 126 ? avail.readUInt16BE(2) : len7 === 127 ? Number(avail.readBigUInt64BE(2)) : len7;
      i += need - header.length;
      header = Buffer.alloc(0);
      if (left === 0 && opcode >= 0x8 && onControl) onControl(opcode, Buffer.alloc(0));
    }
    if (payload > 0) onPayload(payload);
  };
}

/** Opens a WebSocket by a plain HTTP upgrade and returns the raw socket (see maskedFrame/frameCounter). */
function openRawWs(url, protocols) {
  const http = require('node:http');
  const { randomBytes } = require('node:crypto');
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Protocol': protocols.join(', ') } });
    req.once('upgrade', (_res, socket, head) => {
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    req.once('response', (res) => reject(new Error(`HTTP ${res.statusCode} from ${url}`)));
    req.once('error', reject);
    req.end();
  });
}

function rawWsEndpoint(socket) {
  return {
    kind: 'rawws',
    send(buf) { socket.write(maskedFrame(buf)); return socket.writableLength < SENDER_HWM; },
    onceDrain(cb) { socket.once('drain', cb); },
    onData(cb) { socket.on('data', frameCounter((n) => cb({ length: n }), (opcode, payload) => { if (opcode === 0x9) socket.write(maskedFrame(payload, 0xa)); })); },
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

module.exports = { openRawWs, rawWsEndpoint, maskedFrame, frameCounter, settle, cpuSeconds, rssBytes, forkChild, wsEndpoint, tcpEndpoint, openWs, openTcp, percentile, summarize, mapLimit, sleep, spawnProcess };

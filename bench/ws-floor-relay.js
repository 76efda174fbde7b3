'use strict';
// Reference (c), for diagnosis only (`--ws-floor`): the least a relay built on the `ws` library can
// cost. Consecutive WebSocket connections are paired and each message is sent on as it arrives,
// with the relay's own ws options (no compression, 16 MiB maxPayload) and backpressure at 1 MiB
// queued, and nothing else: no tickets, no sessions, no audit, no keep-alive. Run as a child so
// its CPU is its own. What rcgate's relay costs above this is rcgate's; the rest is WebSocket via ws.
const { WebSocketServer } = require('ws');
const HWM = 1024 * 1024;
const OPTS = { binary: true, compress: false, fin: true };
let waiting = null;
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
function pipe(from, to) {
  let paused = false;
  const drained = () => { if (paused && to.bufferedAmount <= HWM / 2) { paused = false; from.resume(); } };
  from.on('message', (data) => {
    to.send(data, OPTS, to.bufferedAmount > HWM / 2 ? drained : undefined);
    if (!paused && to.bufferedAmount > HWM) { paused = true; from.pause(); }
  });
  from.on('close', () => to.terminate());
}
wss.on('connection', (ws) => {
  ws.on('error', () => undefined);
  if (!waiting) { waiting = ws; ws.pause(); return; }
  const a = waiting;
  waiting = null;
  pipe(a, ws);
  pipe(ws, a);
  a.resume();
});
wss.on('listening', () => process.send({ ready: true, port: wss.address().port, pid: process.pid }));
process.on('message', (m) => { if (m.cmd === 'stop') process.exit(0); });

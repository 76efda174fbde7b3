'use strict';
// Reference (a): the physical ceiling. Consecutive TCP connections are paired and piped
// both ways with socket.pipe — no framing, no parsing. Run as a child so its CPU is its own.
const net = require('node:net');
let waiting = null;
const server = net.createServer({ noDelay: true }, (socket) => {
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  if (!waiting) { waiting = socket; return; }
  const a = waiting;
  waiting = null;
  a.pipe(socket);
  socket.pipe(a);
  a.on('close', () => socket.destroy());
  socket.on('close', () => a.destroy());
});
server.listen(0, '127.0.0.1', () => process.send({ ready: true, port: server.address().port, pid: process.pid }));
process.on('message', (m) => { if (m.cmd === 'stop') process.exit(0); });

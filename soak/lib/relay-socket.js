'use strict';
// A relay WebSocket (viewer or agent side) with the subprotocols the CLI and browser viewer send.
const WebSocket = require('ws');

/**
 * Opens `relayUrl` with `ticket`. Resolves { ws, closed } once open, or { refused: { code, reason } }
 * when the relay closes it right after the handshake (a refused ticket: 4401), or rejects on an
 * HTTP refusal / network error.
 */
function openRelay(relayUrl, ticket) {
  const ws = new WebSocket(relayUrl, ['rcgate.v1', `rcgate.ticket.${ticket}`], { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => undefined);
  const closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

module.exports = { openRelay, WebSocket };

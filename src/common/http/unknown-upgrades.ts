import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const HANDLED = [/^\/graphql(\?|$)/, /^\/relay\/v1\//];

/** A WebSocket upgrade to a path nobody serves gets a 404 instead of hanging until the client gives up. */
export function refuseUnknownUpgrades(server: Server): void {
  server.on('upgrade', (req: { url?: string }, socket: Duplex) => {
    if (HANDLED.some((pattern) => pattern.test(req.url ?? ''))) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Whether a listener on this node takes upgrades to `url` (each feature says so of its own paths). */
export type UpgradePaths = (url: string | undefined) => boolean;

/**
 * A WebSocket upgrade to a path this node does not serve (any other path, the
 * relay on an API-only node, GraphQL on a relay node) gets a 404 instead of
 * hanging until the client gives up.
 */
export function refuseUnknownUpgrades(server: Server, served: UpgradePaths[]): void {
  server.on('upgrade', (req: { url?: string }, socket: Duplex) => {
    if (served.some((isServed) => isServed(req.url))) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

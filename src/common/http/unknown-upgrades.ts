import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** GraphQL subscriptions (graphql-ws), served by API nodes. */
export const GRAPHQL_UPGRADES = /^\/graphql(\?|$)/;
/** The relay: served by relay nodes (RCGATE_ROLE relay or all), which answer wrong paths under it themselves. */
export const RELAY_UPGRADES = /^\/relay\//;

/**
 * A WebSocket upgrade to a path this node does not serve (any other path, the
 * relay on an API-only node, GraphQL on a relay node) gets a 404 instead of
 * hanging until the client gives up.
 */
export function refuseUnknownUpgrades(server: Server, served: RegExp[]): void {
  server.on('upgrade', (req: { url?: string }, socket: Duplex) => {
    if (served.some((pattern) => pattern.test(req.url ?? ''))) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

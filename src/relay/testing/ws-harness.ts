import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import WebSocket, { ClientOptions, ServerOptions, WebSocketServer } from 'ws';

/** Real ws servers and clients on 127.0.0.1 ephemeral ports, cleaned up by closeAll(). Test use only. */
export class WsHarness {
  private readonly servers: WebSocketServer[] = [];
  private readonly clients: WebSocket[] = [];
  private readonly received = new Map<WebSocket, Buffer[]>();

  /** Starts a server; each connection's server-side socket is handed to `onConnection` with its URL path. */
  async server(
    onConnection: (ws: WebSocket, path: string) => void,
    options: ServerOptions = {},
  ): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, ...options });
    this.servers.push(server);
    server.on('connection', (ws, request) => onConnection(ws, request.url ?? '/'));
    await once(server, 'listening');
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async client(url: string, options: ClientOptions = {}): Promise<WebSocket> {
    const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
    this.clients.push(ws);
    ws.on('error', () => undefined);
    // Recorded from the start: the relay may forward early bytes the moment the socket opens.
    const received: Buffer[] = [];
    this.received.set(ws, received);
    ws.on('message', (data: Buffer) => received.push(data));
    await once(ws, 'open');
    return ws;
  }

  /** Every message `client` has received so far. */
  messagesOf(client: WebSocket): Buffer[] {
    return this.received.get(client) ?? [];
  }

  async closeAll(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    await Promise.all(
      this.servers.map(async (server) => {
        for (const ws of server.clients) ws.terminate();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
    this.clients.length = 0;
    this.received.clear();
    this.servers.length = 0;
  }
}

export interface Closed {
  code: number;
  reason: string;
}

export function closeOf(ws: WebSocket): Promise<Closed> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
}

/** Resolves with the server-side socket of the next connection whose path is `path`. */
export function serverSideQueue(): {
  onConnection: (ws: WebSocket, path: string) => void;
  next: (path: string) => Promise<WebSocket>;
} {
  const arrived = new Map<string, WebSocket[]>();
  const waiting = new Map<string, Array<(ws: WebSocket) => void>>();
  return {
    onConnection: (ws, path) => {
      const waiter = waiting.get(path)?.shift();
      if (waiter) waiter(ws);
      else arrived.set(path, [...(arrived.get(path) ?? []), ws]);
    },
    next: (path) => {
      const ws = arrived.get(path)?.shift();
      if (ws) return Promise.resolve(ws);
      return new Promise((resolve) => waiting.set(path, [...(waiting.get(path) ?? []), resolve]));
    },
  };
}

export const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

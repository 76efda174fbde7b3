import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of the API that loses the reply to the first request
 * matching `pattern`: the request reaches the server, then the client's
 * connection is cut before any byte of the answer, as when a node or a
 * network path dies at that moment. Everything else passes through.
 */
export class LossyProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Requests whose reply was dropped. */
  dropped = 0;

  constructor(
    private readonly upstreamPort: number,
    private readonly pattern: RegExp,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    let dropNextReply = false;
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk) => {
      if (this.dropped === 0 && this.pattern.test(chunk.toString('latin1'))) dropNextReply = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (dropNextReply) {
        dropNextReply = false;
        this.dropped++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

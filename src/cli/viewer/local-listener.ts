import { once } from 'node:events';
import { createServer, Server, Socket } from 'node:net';
import { HostPort } from '../client/host-port';

export interface LocalListener {
  address: HostPort;
  /** The first client; the listener closes then, so a second client is refused. */
  accepted: Promise<Socket>;
  close(): void;
}

/** Listens for exactly one local VNC/RDP client. */
export async function listenForOneClient(on: HostPort): Promise<LocalListener> {
  const server: Server = createServer({ pauseOnConnect: true });
  let accept: (socket: Socket) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const accepted = new Promise<Socket>((resolve, reject) => {
    accept = resolve;
    fail = reject;
  });
  accepted.catch(() => undefined);
  server.once('connection', (socket: Socket) => {
    socket.setNoDelay(true);
    server.close();
    server.on('connection', (extra: Socket) => extra.destroy());
    accept(socket);
  });
  server.listen(on.port, on.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  server.on('error', (error: Error) => fail(error));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : on.port;
  return {
    address: { host: on.host, port },
    accepted,
    close: () => {
      server.close();
      fail(new Error('listener closed'));
    },
  };
}

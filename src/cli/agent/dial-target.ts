import { connect, Socket } from 'node:net';
import { formatHostPort, HostPort } from '../client/host-port';

/** Connects to the local VNC or RDP server; rejects after `timeoutMs`. Reading stays paused until the bridge attaches. */
export function dialTarget(target: HostPort, timeoutMs = 10_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${formatHostPort(target)}: no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${formatHostPort(target)}: ${error.message}`));
    });
  });
}

import { Socket } from 'node:net';
import WebSocket, { RawData } from 'ws';

export const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;

export interface BridgeEnd {
  /** `relay`: the WebSocket closed first; `local`: the TCP side; `bridge`: close() was called. */
  endedBy: 'relay' | 'local' | 'bridge';
  /** The WebSocket close code (1006 when it dropped without one). */
  code: number;
  reason: string;
  bytesFromRelay: number;
  bytesToRelay: number;
  error?: Error;
}

export interface Bridge {
  readonly ended: Promise<BridgeEnd>;
  readonly bytesFromRelay: number;
  readonly bytesToRelay: number;
  /** Ends both sides now (shutdown); the relay sees `code`/`reason`. */
  close(code?: number, reason?: string): void;
}

/**
 * Pipes a relay WebSocket and a local TCP socket both ways, with
 * backpressure: the TCP socket is paused while the WebSocket has more than
 * `highWaterMark` bytes queued, and the WebSocket is paused while the TCP
 * socket's buffer is full (write() returned false) until it drains.
 */
export function bridgeStreams(ws: WebSocket, socket: Socket, options: { early?: Buffer[]; highWaterMark?: number } = {}): Bridge {
  const highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
  const lowWaterMark = Math.floor(highWaterMark / 2);
  let bytesFromRelay = 0;
  let bytesToRelay = 0;
  let socketPaused = false;
  let wsPaused = false;
  let finish: (end: BridgeEnd) => void = () => undefined;
  const ended = new Promise<BridgeEnd>((resolve) => (finish = resolve));
  let done = false;
  let socketError: Error | undefined;

  const end = (endedBy: BridgeEnd['endedBy'], code: number, reason: string, error?: Error) => {
    if (done) return;
    done = true;
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code === 1006 ? 1000 : code, reason);
    // Flush what the relay already delivered, then close; never leave a half-open local connection.
    socket.end();
    setTimeout(() => socket.destroy(), 2000).unref();
    finish({ endedBy, code, reason, bytesFromRelay, bytesToRelay, error });
  };

  const resumeSocketIfDrained = () => {
    if (socketPaused && ws.bufferedAmount <= lowWaterMark) {
      socketPaused = false;
      socket.resume();
    }
  };

  const toLocal = (chunk: Buffer) => {
    bytesFromRelay += chunk.length;
    if (!socket.write(chunk) && !wsPaused) {
      wsPaused = true;
      ws.pause();
    }
  };
  ws.binaryType = 'nodebuffer';
  for (const chunk of options.early ?? []) toLocal(chunk);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary && !done) toLocal(data as Buffer);
  });
  socket.on('drain', () => {
    if (wsPaused) {
      wsPaused = false;
      ws.resume();
    }
  });
  socket.on('data', (chunk: Buffer) => {
    if (done || ws.readyState !== WebSocket.OPEN) return;
    const watch = socketPaused || ws.bufferedAmount + chunk.length > lowWaterMark;
    ws.send(chunk, { binary: true }, watch ? resumeSocketIfDrained : undefined);
    bytesToRelay += chunk.length;
    if (!socketPaused && ws.bufferedAmount > highWaterMark) {
      socketPaused = true;
      socket.pause();
    }
  });
  ws.on('close', (code: number, reason: Buffer) => end('relay', code, reason.toString()));
  if (ws.readyState === WebSocket.CLOSED) queueMicrotask(() => end('relay', 1006, ''));
  // The caller may have paused the relay while it waited for the local client.
  if (ws.isPaused && !wsPaused) ws.resume();
  socket.resume();
  ws.on('error', () => undefined);
  socket.on('error', (error: Error) => (socketError = error));
  socket.on('close', () => end('local', 1000, 'closed', socketError));
  socket.on('end', () => end('local', 1000, 'closed'));

  return {
    ended,
    get bytesFromRelay() {
      return bytesFromRelay;
    },
    get bytesToRelay() {
      return bytesToRelay;
    },
    close: (code = 1000, reason = 'closed') => end('bridge', code, reason),
  };
}

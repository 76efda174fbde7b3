import WebSocket, { RawData } from 'ws';

export const RELAY_PROTOCOL = 'rcgate.v1';
/** The relay refuses frames above this; the bridge never sends one (TCP reads are far smaller). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** The ticket rides in a subprotocol, not the URL, so it stays out of proxy and access logs. */
export const relayProtocols = (ticket: string): string[] => [RELAY_PROTOCOL, `rcgate.ticket.${ticket}`];

export class RelayRefusedError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RelayRefusedError';
  }
}

/** An open relay socket and what it received before anyone read it (the peer may speak first). */
export interface RelayConnection {
  ws: WebSocket;
  /** Stops holding messages and hands over those held, oldest first. */
  takeEarly(): Buffer[];
}

/** Opens the relay WebSocket with a single-use ticket; resolves once the upgrade succeeded. */
export async function openRelaySocket(relayUrl: string, ticket: string, timeoutMs = 15_000): Promise<RelayConnection> {
  const ws = new WebSocket(relayUrl, relayProtocols(ticket), {
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES,
    handshakeTimeout: timeoutMs,
  });
  ws.binaryType = 'nodebuffer';
  // Listening from the start: frames can follow the upgrade response in the same TCP read.
  const early: Buffer[] = [];
  const hold = (data: RawData, isBinary: boolean) => {
    if (isBinary) early.push(data as Buffer);
  };
  ws.on('message', hold);
  await opened(ws, relayUrl);
  return {
    ws,
    takeEarly: () => {
      ws.off('message', hold);
      return early.splice(0);
    },
  };
}

function opened(ws: WebSocket, relayUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      cleanup();
      ws.terminate();
      reject(error);
    };
    const onOpen = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => fail(new RelayRefusedError(`relay ${relayUrl}: ${error.message}`));
    const onUnexpected = (_request: unknown, response: { statusCode?: number }) =>
      fail(new RelayRefusedError(`relay ${relayUrl} refused the connection (HTTP ${response.statusCode ?? '?'})`, response.statusCode));
    const onClose = (code: number, reason: Buffer) => fail(new RelayRefusedError(`relay closed before opening (${code} ${reason.toString()})`));
    const cleanup = () => {
      ws.off('open', onOpen);
      ws.off('error', onError);
      ws.off('unexpected-response', onUnexpected);
      ws.off('close', onClose);
      // Later errors are reported through the bridge's close handling; never crash the process.
      ws.on('error', () => undefined);
    };
    ws.once('open', onOpen);
    ws.once('error', onError);
    ws.once('unexpected-response', onUnexpected);
    ws.once('close', onClose);
  });
}

import WebSocket from 'ws';

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

/** Opens the relay WebSocket with a single-use ticket; resolves once the upgrade succeeded. */
export function openRelaySocket(relayUrl: string, ticket: string, timeoutMs = 15_000): Promise<WebSocket> {
  const ws = new WebSocket(relayUrl, relayProtocols(ticket), {
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES,
    handshakeTimeout: timeoutMs,
  });
  ws.binaryType = 'nodebuffer';
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      cleanup();
      ws.terminate();
      reject(error);
    };
    const onOpen = () => {
      cleanup();
      resolve(ws);
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

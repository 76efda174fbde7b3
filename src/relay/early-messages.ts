import WebSocket, { RawData } from 'ws';
import { RelayCloseCode, RelayCloseReason } from './relay-close-codes';

/** More than a handshake's worth; a side that sends more before its peer arrives is misbehaving. */
export const DEFAULT_MAX_EARLY_BYTES = 64 * 1024;

/**
 * Holds what a side sends while it waits for its peer. The agent's VNC
 * server speaks first (its ProtocolVersion), often before the viewer has
 * joined; without this those bytes would be lost and the handshake hang.
 */
export class EarlyMessages {
  private readonly messages: Buffer[] = [];
  private bytes = 0;
  private readonly onMessage = (data: RawData, isBinary: boolean): void => this.hold(data, isBinary);

  constructor(
    private readonly ws: WebSocket,
    private readonly maxBytes = DEFAULT_MAX_EARLY_BYTES,
  ) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', this.onMessage);
  }

  /** Stops holding and hands over what was held, oldest first. */
  release(): Buffer[] {
    this.ws.off('message', this.onMessage);
    return this.messages.splice(0);
  }

  private hold(data: RawData, isBinary: boolean): void {
    if (!isBinary) {
      this.ws.close(RelayCloseCode.UnsupportedData, RelayCloseReason.binaryFramesOnly);
      return;
    }
    const message = data as Buffer;
    this.bytes += message.length;
    if (this.bytes > this.maxBytes) {
      this.messages.length = 0;
      this.ws.close(RelayCloseCode.MessageTooBig, RelayCloseReason.earlyDataTooLarge);
      return;
    }
    this.messages.push(message);
  }
}

import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

/** WebSocket opcodes (RFC 6455 §5.2). */
export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameOptions {
  fin?: boolean;
  /** RSV1-3 bits, 0-7: any non-zero value is a protocol error without extensions. */
  rsv?: number;
  /** Clients must mask; false sends an unmasked (illegal) client frame. */
  masked?: boolean;
}

/** One client frame, byte for byte: header, a random mask, the masked payload. */
export function clientFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, rsv = 0, masked = true } = options;
  const n = payload.length;
  const lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const head = 2 + lengthBytes + (masked ? 4 : 0);
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  frame[1] = (masked ? 0x80 : 0) | (lengthBytes === 0 ? n : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) frame.writeUInt16BE(n, 2);
  if (lengthBytes === 8) frame.writeBigUInt64BE(BigInt(n), 2);
  if (!masked) {
    payload.copy(frame, head);
    return frame;
  }
  const mask = randomBytes(4);
  mask.copy(frame, head - 4);
  for (let i = 0; i < n; i++) frame[head + i] = payload[i] ^ mask[i & 3];
  return frame;
}

export function closePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}

export interface RawClose {
  /** From the server's close frame; 1006 when the connection ended without one. */
  code: number;
  reason: string;
}

/**
 * A WebSocket client that writes whatever frames it is told to, legal or not,
 * and records what the server sends: data payload bytes in order, the opcodes
 * of data frames, and the close frame. It answers a server's close frame with
 * one of its own, as RFC 6455 asks, then ends the connection.
 */
export class RawWsClient {
  /** Payload bytes of the server's data frames (binary, text, continuation), in order. */
  readonly received: Buffer[] = [];
  readonly dataOpcodes = new Set<number>();
  readonly closed: Promise<RawClose>;
  private closeFrame: RawClose | undefined;
  private pending = Buffer.alloc(0);
  private sentClose = false;
  private ended = false;

  private constructor(readonly socket: Socket) {
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => this.parse(chunk));
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true;
        resolve(this.closeFrame ?? { code: 1006, reason: '' });
      }),
    );
  }

  /** Upgrades `relayUrl` (ws://) with the relay subprotocol and `ticket`; rejects on any other answer than 101. */
  static connect(relayUrl: string, ticket: string): Promise<RawWsClient> {
    return new Promise((resolve, reject) => {
      const req = request(relayUrl.replace(/^ws/, 'http'), {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
          'Sec-WebSocket-Protocol': `rcgate.v1, rcgate.ticket.${ticket}`,
        },
      });
      req.once('upgrade', (_res, socket: Socket, head: Buffer) => {
        const client = new RawWsClient(socket);
        if (head.length > 0) client.parse(head);
        resolve(client);
      });
      req.once('response', (res) => reject(new Error(`HTTP ${res.statusCode} instead of an upgrade`)));
      req.once('error', reject);
      req.end();
    });
  }

  get isOpen(): boolean {
    return !this.ended && !this.sentClose && !this.socket.destroyed;
  }

  bytesReceived(): number {
    return this.received.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  /** Writes raw bytes (one or more frames, or garbage). */
  write(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** The close this client sent first, if it did (the server then echoes it). */
  ownClose: RawClose | undefined;

  sendClose(code: number, reason = ''): void {
    if (this.sentClose) return;
    this.sentClose = true;
    this.ownClose = { code, reason };
    this.write(clientFrame(Opcode.close, closePayload(code, reason)));
  }

  /** The socket goes away without a close frame (a crash, a pulled cable). */
  destroy(): void {
    this.socket.destroy();
  }

  private parse(chunk: Buffer): void {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (buffer.length < 2) break;
      const opcode = buffer[0] & 0x0f;
      const length7 = buffer[1] & 0x7f;
      const lengthBytes = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
      const masked = (buffer[1] & 0x80) !== 0;
      const head = 2 + lengthBytes + (masked ? 4 : 0);
      if (buffer.length < head) break;
      const length = lengthBytes === 2 ? buffer.readUInt16BE(2) : lengthBytes === 8 ? Number(buffer.readBigUInt64BE(2)) : length7;
      if (buffer.length < head + length) break;
      const payload = Buffer.from(buffer.subarray(head, head + length));
      if (masked) for (let i = 0; i < length; i++) payload[i] ^= buffer[head - 4 + (i & 3)];
      buffer = buffer.subarray(head + length);
      this.onFrame(opcode, payload);
    }
    this.pending = Buffer.from(buffer);
  }

  private onFrame(opcode: number, payload: Buffer): void {
    if (opcode < 0x8) {
      this.dataOpcodes.add(opcode);
      if (payload.length > 0) this.received.push(payload);
      return;
    }
    if (opcode === Opcode.ping) {
      if (!this.sentClose) this.write(clientFrame(Opcode.pong, payload));
      return;
    }
    if (opcode !== Opcode.close || this.closeFrame) return;
    this.closeFrame = { code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString() };
    if (!this.sentClose) {
      this.sentClose = true;
      this.write(clientFrame(Opcode.close, payload.length >= 2 ? payload.subarray(0, 2) : Buffer.alloc(0)));
    }
    this.socket.end();
  }
}

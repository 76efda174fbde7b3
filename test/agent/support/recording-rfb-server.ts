import { once } from 'node:events';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { ByteReader } from './byte-reader';

/** One client-to-server RFB message as the server received it. */
export interface RecordedMessage {
  type: number;
  bytes: Buffer;
}

const FIXED_SIZE: Record<number, number> = { 0: 20, 3: 10, 4: 8, 5: 6 };

/**
 * A tiny RFB 3.8 server (security None, 64×48) that records every client
 * message after the handshake and answers each FramebufferUpdateRequest
 * with a one-pixel raw update.
 */
export class RecordingRfbServer {
  readonly messages: RecordedMessage[] = [];
  private server: Server | undefined;

  async start(): Promise<number> {
    this.server = createServer((socket) => void this.serve(socket).catch(() => socket.destroy()));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as AddressInfo).port;
  }

  typesReceived(): number[] {
    return this.messages.map((message) => message.type);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async serve(socket: Socket): Promise<void> {
    socket.on('error', () => undefined);
    const reader = new ByteReader(socket);
    socket.write('RFB 003.008\n');
    await reader.read(12);
    socket.write(Buffer.of(1, 1));
    await reader.read(1);
    const ok = Buffer.alloc(4);
    socket.write(ok);
    await reader.read(1);
    const init = Buffer.alloc(24);
    init.writeUInt16BE(64, 0);
    init.writeUInt16BE(48, 2);
    Buffer.of(32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0).copy(init, 4);
    const name = Buffer.from('recorder');
    init.writeUInt32BE(name.length, 20);
    socket.write(Buffer.concat([init, name]));
    for (;;) {
      const type = (await reader.read(1))[0];
      let rest: Buffer;
      if (type === 2) {
        const head = await reader.read(3);
        rest = Buffer.concat([head, await reader.read(head.readUInt16BE(1) * 4)]);
      } else if (type === 6) {
        const head = await reader.read(7);
        rest = Buffer.concat([head, await reader.read(head.readUInt32BE(3))]);
      } else if (FIXED_SIZE[type]) {
        rest = await reader.read(FIXED_SIZE[type] - 1);
      } else {
        this.messages.push({ type, bytes: Buffer.of(type) });
        socket.destroy();
        return;
      }
      this.messages.push({ type, bytes: Buffer.concat([Buffer.of(type), rest]) });
      if (type === 3) socket.write(onePixelUpdate());
    }
  }
}

function onePixelUpdate(): Buffer {
  const update = Buffer.alloc(4 + 12 + 4);
  update.writeUInt16BE(1, 2);
  update.writeUInt16BE(1, 8);
  update.writeUInt16BE(1, 10);
  update.writeUInt32BE(0x00ff0000, 16);
  return update;
}

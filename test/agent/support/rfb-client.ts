import { once } from 'node:events';
import { connect, Socket } from 'node:net';
import { ByteReader } from './byte-reader';

export interface ServerInit {
  width: number;
  height: number;
  bitsPerPixel: number;
  name: string;
}

/** A minimal RFB 3.8 viewer (security None, raw encoding) that counts every byte each way. */
export class RfbClient {
  bytesSent = 0;
  private readonly reader: ByteReader;
  private init: ServerInit | undefined;

  private constructor(private readonly socket: Socket) {
    this.reader = new ByteReader(socket);
    socket.on('error', () => undefined);
  }

  static async connect(port: number): Promise<RfbClient> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return new RfbClient(socket);
  }

  get bytesReceived(): number {
    return this.reader.received;
  }

  send(bytes: Buffer): void {
    this.bytesSent += bytes.length;
    this.socket.write(bytes);
  }

  /** ProtocolVersion, security None, SecurityResult, ClientInit (shared), ServerInit. */
  async handshake(): Promise<ServerInit> {
    const version = (await this.reader.read(12)).toString('latin1');
    if (!/^RFB 003\.\d{3}\n$/.test(version)) throw new Error(`not an RFB server: ${JSON.stringify(version)}`);
    this.send(Buffer.from('RFB 003.008\n', 'latin1'));
    const count = (await this.reader.read(1))[0];
    if (count === 0) throw new Error('server refused: no security types');
    const types = [...(await this.reader.read(count))];
    if (!types.includes(1)) throw new Error(`security None not offered (${types.join(',')})`);
    this.send(Buffer.of(1));
    const result = (await this.reader.read(4)).readUInt32BE(0);
    if (result !== 0) throw new Error(`security handshake failed (${result})`);
    this.send(Buffer.of(1));
    const header = await this.reader.read(24);
    const name = (await this.reader.read(header.readUInt32BE(20))).toString('utf8');
    this.init = { width: header.readUInt16BE(0), height: header.readUInt16BE(2), bitsPerPixel: header[4], name };
    return this.init;
  }

  /** Asks for the whole screen and reads the FramebufferUpdate (raw rectangles); returns its rectangle count. */
  async fullUpdate(): Promise<number> {
    const init = this.init;
    if (!init) throw new Error('handshake first');
    const request = Buffer.alloc(10);
    request[0] = 3;
    request.writeUInt16BE(init.width, 6);
    request.writeUInt16BE(init.height, 8);
    this.send(request);
    for (;;) {
      const type = (await this.reader.read(1))[0];
      if (type === 2) continue; // Bell
      if (type === 3) {
        const cut = await this.reader.read(7);
        await this.reader.read(cut.readUInt32BE(3));
        continue;
      }
      if (type !== 0) throw new Error(`unexpected server message ${type}`);
      const rects = (await this.reader.read(3)).readUInt16BE(1);
      for (let i = 0; i < rects; i++) {
        const rect = await this.reader.read(12);
        const encoding = rect.readInt32BE(8);
        if (encoding !== 0) throw new Error(`unexpected encoding ${encoding}`);
        await this.reader.read(rect.readUInt16BE(4) * rect.readUInt16BE(6) * (init.bitsPerPixel / 8));
      }
      return rects;
    }
  }

  keyEvent(down: boolean, keysym: number): void {
    const message = Buffer.alloc(8);
    message[0] = 4;
    message[1] = down ? 1 : 0;
    message.writeUInt32BE(keysym, 4);
    this.send(message);
  }

  pointerEvent(buttons: number, x: number, y: number): void {
    const message = Buffer.alloc(6);
    message[0] = 5;
    message[1] = buttons;
    message.writeUInt16BE(x, 2);
    message.writeUInt16BE(y, 4);
    this.send(message);
  }

  /** Bytes the server sent that no read has consumed (should be none when idle). */
  get unread(): number {
    return this.reader.pending;
  }

  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    this.socket.end();
    await once(this.socket, 'close');
  }
}

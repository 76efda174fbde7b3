import { Socket } from 'node:net';

/** Reads exact byte counts from a socket, and counts everything received. */
export class ByteReader {
  private buffered = Buffer.alloc(0);
  private waiting: { size: number; resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | undefined;
  private closed = false;
  received = 0;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.deliver();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.reject(new Error(`connection closed while waiting for ${this.waiting.size} bytes`));
      this.waiting = undefined;
    });
  }

  /** Bytes received but not read yet. */
  get pending(): number {
    return this.buffered.length;
  }

  read(size: number): Promise<Buffer> {
    if (this.waiting) throw new Error('one read at a time');
    return new Promise((resolve, reject) => {
      this.waiting = { size, resolve, reject };
      this.deliver();
      if (this.waiting && this.closed) reject(new Error('connection closed'));
    });
  }

  private deliver(): void {
    if (!this.waiting || this.buffered.length < this.waiting.size) return;
    const { size, resolve } = this.waiting;
    this.waiting = undefined;
    const bytes = this.buffered.subarray(0, size);
    this.buffered = this.buffered.subarray(size);
    resolve(bytes);
  }
}

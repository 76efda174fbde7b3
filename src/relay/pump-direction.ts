import WebSocket from 'ws';
import { ChunkTransform } from './relay.types';

/** The same options object for every send: binary, never compressed, one frame. */
const SEND_OPTIONS = { binary: true, compress: false, fin: true } as const;

/**
 * One direction of a pump: forwards chunks from `source` to `destination`,
 * and stops reading `source` while `destination` has more than the
 * high-water mark queued, so a slow reader cannot make the relay buffer
 * without bound.
 */
export class PumpDirection {
  received = 0;
  forwarded = 0;
  private sourcePaused = false;
  private readonly lowWaterMark: number;
  /** One bound callback for all sends, so watching writes allocates nothing per frame. */
  private readonly afterWatchedWrite = (): void => this.resumeIfDrained();

  constructor(
    private readonly source: WebSocket,
    private readonly destination: WebSocket,
    private readonly highWaterMark: number,
    private readonly transform: ChunkTransform | undefined,
  ) {
    this.lowWaterMark = Math.floor(highWaterMark / 2);
  }

  forward(message: Buffer): void {
    this.received += message.length;
    const chunk = this.transform ? this.transform(message) : message;
    if (!chunk || chunk.length === 0 || this.destination.readyState !== WebSocket.OPEN) return;
    // The write callback (not the socket's private 'drain') tells us when queued bytes left.
    // Every send made above the low-water mark is watched, so the last one queued
    // always reports when the queue has emptied.
    const watch = this.sourcePaused || this.destination.bufferedAmount + chunk.length > this.lowWaterMark;
    this.destination.send(chunk, SEND_OPTIONS, watch ? this.afterWatchedWrite : undefined);
    this.forwarded += chunk.length;
    if (!this.sourcePaused && this.destination.bufferedAmount > this.highWaterMark) {
      this.sourcePaused = true;
      this.source.pause();
    }
  }

  private resumeIfDrained(): void {
    if (this.sourcePaused && this.destination.bufferedAmount <= this.lowWaterMark) {
      this.sourcePaused = false;
      this.source.resume();
    }
  }
}

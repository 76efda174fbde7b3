const EMPTY = Buffer.alloc(0);

/** Gathers one fixed-length field that may arrive split across chunks. */
export class FieldCollector {
  private readonly reusable: Buffer;
  private buffer: Buffer;
  private filled = 0;
  private wanted = 0;

  constructor(reusableCapacity: number) {
    this.reusable = Buffer.alloc(reusableCapacity);
    this.buffer = this.reusable;
  }

  start(length: number): void {
    // Small fields reuse one buffer; only an occasional large one (a SetEncodings list) allocates.
    this.buffer = length <= this.reusable.length ? this.reusable : Buffer.allocUnsafe(length);
    this.wanted = length;
    this.filled = 0;
  }

  /** Copies what the field still lacks from chunk[offset…]; returns the offset after it. */
  fill(chunk: Buffer, offset: number): number {
    const count = Math.min(this.wanted - this.filled, chunk.length - offset);
    chunk.copy(this.buffer, this.filled, offset, offset + count);
    this.filled += count;
    return offset + count;
  }

  get isComplete(): boolean {
    return this.filled === this.wanted;
  }

  /** The field's bytes; valid until the next start(). */
  get bytes(): Buffer {
    return this.buffer.subarray(0, this.wanted);
  }
}

/**
 * The bytes a chunk lets through. Adjacent passing ranges of one chunk are
 * merged, so a chunk that passes whole is returned as is, without a copy.
 */
export class PassedBytes {
  private parts: Buffer[] = [];
  private runChunk: Buffer | undefined;
  private runStart = 0;
  private runEnd = 0;

  passRange(chunk: Buffer, start: number, end: number): void {
    if (start === end) return;
    if (this.runChunk === chunk && this.runEnd === start) {
      this.runEnd = end;
      return;
    }
    this.endRun();
    this.runChunk = chunk;
    this.runStart = start;
    this.runEnd = end;
  }

  /** For bytes the filter built or rewrote; copied because their buffer may be reused. */
  passCopy(bytes: Buffer): void {
    this.endRun();
    this.parts.push(Buffer.from(bytes));
  }

  take(): Buffer {
    this.endRun();
    const parts = this.parts;
    this.parts = [];
    if (parts.length === 0) return EMPTY;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  discard(): void {
    this.parts = [];
    this.runChunk = undefined;
  }

  private endRun(): void {
    const chunk = this.runChunk;
    if (!chunk) return;
    const whole = this.runStart === 0 && this.runEnd === chunk.length;
    this.parts.push(whole ? chunk : chunk.subarray(this.runStart, this.runEnd));
    this.runChunk = undefined;
  }
}

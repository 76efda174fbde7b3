/**
 * Counts connections open at once per key (a source address), in this
 * process's memory. Nest-free: `tryAcquire` when a connection arrives,
 * `release` exactly once when it closes.
 */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();
  private refusedTotal = 0;

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('limit must be an integer ≥ 1');
  }

  /** Counts one more connection for `key`, or refuses (false) when `key` already holds `limit`. */
  tryAcquire(key: string): boolean {
    const held = this.open.get(key) ?? 0;
    if (held >= this.limit) {
      this.refusedTotal++;
      return false;
    }
    this.open.set(key, held + 1);
    return true;
  }

  release(key: string): void {
    const held = this.open.get(key) ?? 0;
    if (held <= 1) this.open.delete(key);
    else this.open.set(key, held - 1);
  }

  /** Connections `key` holds now. */
  heldBy(key: string): number {
    return this.open.get(key) ?? 0;
  }

  /** Connections held now, all keys together. */
  get total(): number {
    let sum = 0;
    for (const n of this.open.values()) sum += n;
    return sum;
  }

  /** Keys holding at least one connection (memory is bounded by open connections). */
  get keys(): number {
    return this.open.size;
  }

  /** Connections refused since start. */
  get refused(): number {
    return this.refusedTotal;
  }
}

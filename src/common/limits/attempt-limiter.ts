export interface AttemptLimiterOptions {
  /** Attempts allowed per key within one window; the next one is refused. */
  limit: number;
  windowSeconds: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Keys kept at most; past it the oldest are forgotten (bounds memory under spoofed-address floods). */
  maxKeys?: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Counts attempts per key (a source address, usually) over a sliding window,
 * in this process's memory: each node limits on its own. Nest-free, so the
 * relay can use it on WebSocket upgrades as the API does on failed logins.
 *
 *   if (limiter.retryAfter(address) > 0) → refuse with 429 and Retry-After
 *   …check the credential…; on failure: limiter.record(address)
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private lastSweep: number;

  constructor(private readonly options: AttemptLimiterOptions) {
    if (!(options.limit >= 1) || !(options.windowSeconds > 0)) throw new RangeError('limit must be ≥ 1 and windowSeconds > 0');
    this.windowMs = options.windowSeconds * 1000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.lastSweep = this.now();
  }

  get limit(): number {
    return this.options.limit;
  }

  /** 0 while `key` may try again; else whole seconds until its oldest attempt leaves the window. */
  retryAfter(key: string): number {
    const live = this.live(key, this.now());
    if (live.length < this.options.limit) return 0;
    return Math.max(1, Math.ceil((live[live.length - this.options.limit] + this.windowMs - this.now()) / 1000));
  }

  /** Counts one attempt; returns what retryAfter(key) returns afterwards. */
  record(key: string): number {
    const now = this.now();
    this.sweep(now);
    const live = this.live(key, now);
    live.push(now);
    // Only the newest `limit` attempts matter for the answer.
    if (live.length > this.options.limit) live.splice(0, live.length - this.options.limit);
    this.attempts.delete(key);
    this.attempts.set(key, live);
    while (this.attempts.size > this.maxKeys) this.attempts.delete(this.attempts.keys().next().value as string);
    return this.retryAfter(key);
  }

  /** Forgets `key` (an operator unblocking an address, or a test). */
  reset(key: string): void {
    this.attempts.delete(key);
  }

  /** Keys currently tracked (for metrics and tests). */
  get size(): number {
    return this.attempts.size;
  }

  private live(key: string, now: number): number[] {
    const stamps = this.attempts.get(key);
    if (!stamps) return [];
    const fresh = stamps.filter((at) => at > now - this.windowMs);
    if (fresh.length === 0) this.attempts.delete(key);
    else if (fresh.length !== stamps.length) this.attempts.set(key, fresh);
    return fresh;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const key of [...this.attempts.keys()]) this.live(key, now);
  }
}

/**
 * Step 3's rate limit, as go-limiter's memorystore with one token per key: each key's bucket
 * starts when its first event arrives; within one interval tick after that, further events
 * with the key are duplicates; the next tick refills the token. Buckets idle for two
 * intervals are swept, and the store never holds more than `maxKeys` buckets.
 */
export class EventRateLimiter {
  private readonly buckets = new Map<string, { start: number; lastTick: number; tokens: number }>();
  private lastSweep = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes the key's token: true when the event may pass, false for a duplicate. */
  take(key: string, now: number): boolean {
    this.sweep(now);
    if (this.intervalMs <= 0) return true;
    const bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value ?? '');
      this.buckets.set(key, { start: now, lastTick: 0, tokens: 0 });
      return true;
    }
    const tick = Math.floor((now - bucket.start) / this.intervalMs);
    if (tick > bucket.lastTick) {
      bucket.lastTick = tick;
      bucket.tokens = 1;
    }
    if (bucket.tokens <= 0) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.intervalMs) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      const lastActive = bucket.start + bucket.lastTick * this.intervalMs;
      if (now - lastActive > 2 * this.intervalMs) this.buckets.delete(key);
    }
  }
}

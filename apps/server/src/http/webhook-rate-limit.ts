/**
 * A token bucket per webhook path: `burst` calls at once, refilled at `perSecond`. A flood on
 * one path is answered 429 without reading its body or touching the cluster, and other paths
 * (and the dashboard) keep being served. At most `maxPaths` buckets are kept (oldest dropped).
 */
export class WebhookRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond = 10,
    private readonly burst = 20,
    private readonly maxPaths = 10_000,
  ) {}

  /** Takes one token for `path`; false when the path is over its rate. */
  take(path: string, now = Date.now()): boolean {
    let bucket = this.buckets.get(path);
    if (!bucket) {
      if (this.buckets.size >= this.maxPaths) this.buckets.delete(this.buckets.keys().next().value ?? '');
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(path, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

/** How many failures a {@link FailureThrottle} tolerates, and for how long it remembers them. */
export interface ThrottleLimits {
  /** Failures one client key may have in a window before it is refused until the window ends. */
  perKey: number;
  /** Failures all clients together may have in a window; past it, every attempt is refused. */
  globalBudget: number;
  windowMs: number;
}

/** A counter over a fixed window that starts at its first failure. */
interface Window {
  count: number;
  resetAt: number;
}

/** The persisted form of a throttle: live windows only. */
export interface ThrottleSnapshot {
  global?: Window;
  keys: Record<string, Window>;
}

/**
 * Counts authentication failures per client key and overall, and says how long a key must
 * wait. Built to survive floods (CVE-2024-21652): a key's window is never evicted while it is
 * live, so an attacker cannot wipe a victim's count by filling the table. The table stops
 * growing at twice the global budget instead; a key it cannot track is still held by the global
 * budget, which every failure counts against and which, once spent, makes every key wait until
 * its window ends. Time is injected; {@link ThrottleFile} persists the snapshot, so a restart
 * forgets nothing.
 */
export class FailureThrottle {
  private global: Window | undefined;
  private readonly keys = new Map<string, Window>();
  /** Called after every change (the persister debounces it). */
  onChange: () => void = () => {};

  constructor(
    readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
    snapshot?: ThrottleSnapshot,
  ) {
    if (snapshot) this.restore(snapshot);
  }

  /** The most windows ever live at once. */
  get capacity(): number {
    return 2 * this.limits.globalBudget;
  }

  /** Live per-key windows (for tests and metrics). */
  get size(): number {
    return this.keys.size;
  }

  /** Milliseconds until `key` may try again: 0 now, else the longer of its own and the global wait. */
  waitMs(key: string): number {
    const now = this.now();
    return Math.max(this.blocked(this.keys.get(key), this.limits.perKey, now), this.globalWaitMs());
  }

  /** Milliseconds until the global budget is renewed, 0 while it lasts. */
  globalWaitMs(): number {
    return this.blocked(this.global, this.limits.globalBudget, this.now());
  }

  /** Records a failure of `key`. */
  fail(key: string): void {
    const now = this.now();
    this.global = this.bump(this.global, now);
    const own = this.keys.get(key);
    if (own && own.resetAt > now) own.count += 1;
    else {
      if (own) this.keys.delete(key);
      if (this.keys.size >= this.capacity) this.sweep(now);
      // Full only when the budget is spent, and then every key waits anyway: nothing is evicted.
      if (this.keys.size < this.capacity)
        this.keys.set(key, { count: 1, resetAt: now + this.limits.windowMs });
    }
    this.onChange();
  }

  /** The live windows, for persistence. */
  snapshot(): ThrottleSnapshot {
    const now = this.now();
    const keys: Record<string, Window> = {};
    for (const [key, window] of this.keys) if (window.resetAt > now) keys[key] = { ...window };
    return this.global && this.global.resetAt > now ? { global: { ...this.global }, keys } : { keys };
  }

  private restore(snapshot: ThrottleSnapshot): void {
    const now = this.now();
    const valid = (w: unknown): w is Window =>
      typeof w === 'object' &&
      w !== null &&
      Number.isSafeInteger((w as Window).count) &&
      Number.isFinite((w as Window).resetAt) &&
      (w as Window).resetAt > now;
    // A window from a file never lasts longer than one window from now (a clock moved back).
    const clamp = (w: Window): Window => ({
      count: w.count,
      resetAt: Math.min(w.resetAt, now + this.limits.windowMs),
    });
    if (valid(snapshot.global)) this.global = clamp(snapshot.global);
    for (const [key, window] of Object.entries(snapshot.keys ?? {})) {
      if (this.keys.size >= this.capacity) break;
      if (valid(window)) this.keys.set(key, clamp(window));
    }
  }

  private bump(window: Window | undefined, now: number): Window {
    if (window && window.resetAt > now) return { ...window, count: window.count + 1 };
    return { count: 1, resetAt: now + this.limits.windowMs };
  }

  private blocked(window: Window | undefined, limit: number, now: number): number {
    return window && window.count >= limit && window.resetAt > now ? window.resetAt - now : 0;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.keys) if (window.resetAt <= now) this.keys.delete(key);
  }
}

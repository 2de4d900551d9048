import { failureBackoff } from './backoff.js';
import { timerDelay } from './timer-delay.js';
import { NO_QUEUE_METRICS, type QueueMetrics } from './metrics-sink.js';

/**
 * A de-duplicating work queue (client-go's semantics): a key waits at most once; a key added
 * while being processed runs again afterwards; delayed adds keep the earliest deadline.
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly failures = new Map<string, number>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  /** When each waiting key was queued, and when each processing key was handed out. */
  private readonly queuedAt = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  private shuttingDown = false;

  constructor(private readonly metrics: QueueMetrics = NO_QUEUE_METRICS) {}

  /** Adds a key now. */
  add(key: string): void {
    if (this.shuttingDown) return;
    const delayed = this.timers.get(key);
    if (delayed) {
      clearTimeout(delayed.timer);
      this.timers.delete(key);
    }
    if (this.processing.has(key)) {
      if (!this.dirty.has(key)) this.metrics.added();
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.metrics.added();
    const waiter = this.waiters.shift();
    if (waiter) {
      this.metrics.waited(0);
      this.hand(key);
      waiter(key);
      return;
    }
    this.queued.add(key);
    this.queue.push(key);
    this.queuedAt.set(key, Date.now());
    this.metrics.depth(this.queue.length);
  }

  /** Adds a key after `ms`, unless an earlier add is already scheduled. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = Date.now() + ms;
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, timerDelay(ms));
    timer.unref?.();
    this.timers.set(key, { at, timer });
  }

  /** Re-adds after the key's exponential failure backoff. */
  addRateLimited(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.metrics.retried();
    this.addAfter(key, failureBackoff(n));
  }

  /** Resets the failure count of a key after a success. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Waits for the next key; undefined once shut down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.queue.shift();
    if (key !== undefined) {
      this.queued.delete(key);
      this.metrics.depth(this.queue.length);
      this.metrics.waited(Date.now() - (this.queuedAt.get(key) ?? Date.now()));
      this.queuedAt.delete(key);
      this.hand(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private hand(key: string): void {
    this.processing.add(key);
    this.startedAt.set(key, Date.now());
  }

  /** Marks a key processed; re-queues it if it was added meanwhile. */
  done(key: string): void {
    this.processing.delete(key);
    const started = this.startedAt.get(key);
    this.startedAt.delete(key);
    if (started !== undefined) this.metrics.worked(Date.now() - started);
    if (this.dirty.delete(key)) this.add(key);
  }

  /** Keys waiting or scheduled (for tests and metrics). */
  size(): number {
    return this.queue.length;
  }

  /** Stops handing out keys and cancels timers. */
  shutdown(): void {
    this.shuttingDown = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
    this.metrics.depth(0);
  }
}

import { backoffDelayMs, type BackoffPolicy } from './backoff.js';
import type { Logger } from './options.js';

/** What a reconcile asks of the queue: to run again after a delay, or nothing. */
export interface ReconcileResult {
  requeueAfterMs?: number;
}

/** Reconciles one object, named by its key; must read current state itself (level-based). */
export type Reconcile = (key: string) => Promise<ReconcileResult>;

/** Options for {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Named in log lines. */
  name: string;
  reconcile: Reconcile;
  logger: Logger;
  /** How many keys reconcile at once (default 1); one key never runs twice at once. */
  concurrency?: number;
  /** Retry delays after a reconcile throws (default 200 ms doubling to 30 s). */
  backoff?: BackoffPolicy;
}

/**
 * A deduplicating, delaying queue of object keys in front of a reconcile function, like
 * controller-runtime's: a key added many times runs once; a key added while it runs runs again
 * afterwards; errors retry with per-key exponential backoff; `requeueAfterMs` schedules a rerun.
 */
export class WorkQueue {
  private readonly ready: string[] = [];
  private readonly queued = new Set<string>();
  private readonly active = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, { dueMs: number; timer: NodeJS.Timeout }>();
  private readonly failures = new Map<string, number>();
  private readonly concurrency: number;
  private readonly backoff: BackoffPolicy;
  private stopped = false;

  constructor(private readonly options: WorkQueueOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.backoff = options.backoff ?? { baseMs: 200, maxMs: 30_000 };
  }

  /** Queues `key` now, or after `afterMs` (an earlier pending run wins). */
  add(key: string, afterMs = 0): void {
    if (this.stopped) return;
    if (afterMs > 0) {
      const dueMs = Date.now() + afterMs;
      const pending = this.timers.get(key);
      if (pending !== undefined && pending.dueMs <= dueMs) return;
      if (pending !== undefined) clearTimeout(pending.timer);
      const timer = setTimeout(() => {
        this.timers.delete(key);
        this.add(key);
      }, afterMs);
      this.timers.set(key, { dueMs, timer });
      return;
    }
    const pending = this.timers.get(key);
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      this.timers.delete(key);
    }
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (!this.queued.has(key)) {
      this.queued.add(key);
      this.ready.push(key);
    }
    this.pump();
  }

  /** Drops pending work and waits for running reconciles to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    this.queued.clear();
    this.dirty.clear();
    await Promise.all([...this.active.values()]);
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.concurrency && this.ready.length > 0) {
      const key = this.ready.shift();
      if (key === undefined) break;
      this.queued.delete(key);
      this.active.set(key, this.run(key));
    }
  }

  private async run(key: string): Promise<void> {
    let requeueAfterMs: number | undefined;
    try {
      const result = await this.options.reconcile(key);
      this.failures.delete(key);
      requeueAfterMs = result.requeueAfterMs;
    } catch (error) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      requeueAfterMs = backoffDelayMs(failures, this.backoff);
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger(`${this.options.name} ${key}: ${message} (retry in ${requeueAfterMs} ms)`);
    }
    this.active.delete(key);
    if (this.stopped) return;
    if (this.dirty.delete(key)) this.add(key);
    else if (requeueAfterMs !== undefined) this.add(key, requeueAfterMs);
    this.pump();
  }
}

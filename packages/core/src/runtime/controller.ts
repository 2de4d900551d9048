import { errorMessage, StallingError, WaitingError } from './errors.js';
import { redactUrlCredentials } from './redact.js';
import { WorkQueue } from './work-queue.js';

/** What a reconcile is asked about: an object's namespace and name, nothing else. */
export interface ReconcileRequest {
  namespace: string;
  name: string;
}

/** What a reconcile asks for next. */
export interface ReconcileResult {
  /** Run again after this delay (fixed, no backoff). */
  requeueAfterMs?: number;
}

/**
 * A level-based reconciler: it re-reads the object and the world, converges them, and never
 * trusts the event that woke it.
 */
export interface Reconciler {
  reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult>;
}

/** Logging sink for controllers. */
export type Logger = (level: 'info' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Options for {@link Controller}. */
export interface ControllerOptions {
  name: string;
  reconciler: Reconciler;
  concurrency?: number;
  logger?: Logger;
}

/** Joins namespace and name into a queue key. */
export function requestKey(request: ReconcileRequest): string {
  return `${request.namespace}/${request.name}`;
}

function parseKey(key: string): ReconcileRequest {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/**
 * Workers pull keys from a de-duplicating queue and run the reconciler: a result's
 * requeueAfter is honoured as a fixed delay, a {@link WaitingError} too, a {@link StallingError}
 * is not retried, and any other error backs off exponentially (750 ms → 15 min).
 */
export class Controller {
  private readonly queue = new WorkQueue();
  private readonly abort = new AbortController();
  private workers: Promise<void>[] = [];

  constructor(private readonly options: ControllerOptions) {}

  /** Queues a reconcile of one object now. */
  enqueue(request: ReconcileRequest): void {
    this.queue.add(requestKey(request));
  }

  /** Queues a reconcile after a delay. */
  enqueueAfter(request: ReconcileRequest, ms: number): void {
    this.queue.addAfter(requestKey(request), ms);
  }

  /** Starts the workers. */
  start(): void {
    const n = Math.max(1, this.options.concurrency ?? 4);
    this.workers = Array.from({ length: n }, () => this.work());
  }

  /** Stops handing out work and waits for running reconciles to end. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.queue.shutdown();
    await Promise.all(this.workers);
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const request = parseKey(key);
      try {
        const result = await this.options.reconciler.reconcile(request, this.abort.signal);
        this.queue.forget(key);
        if (result.requeueAfterMs !== undefined) this.queue.addAfter(key, result.requeueAfterMs);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        if (error instanceof WaitingError) {
          this.queue.forget(key);
          this.queue.addAfter(key, error.requeueAfterMs);
        } else if (error instanceof StallingError) {
          this.queue.forget(key);
        } else {
          this.options.logger?.(
            'error',
            redactUrlCredentials(`${this.options.name}: reconcile of ${key} failed: ${errorMessage(error)}`),
          );
          this.queue.addRateLimited(key);
        }
      } finally {
        this.queue.done(key);
      }
    }
  }
}

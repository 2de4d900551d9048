import { randomUUID } from 'node:crypto';
import { formatDuration } from './duration.js';
import { errorMessage, StallingError, WaitingError } from './errors.js';
import type { MetricsSink, ReconcileOutcome } from './metrics-sink.js';
import { runInReconcileScope } from './reconcile-scope.js';
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

/** Log levels, as Flux's `--log-level` names them (most verbose first). */
export type LogLevel = 'trace' | 'debug' | 'info' | 'error';

/** Logging sink for controllers; `fields` become structured keys of the log line. */
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/** Options for {@link Controller}. */
export interface ControllerOptions {
  name: string;
  reconciler: Reconciler;
  concurrency?: number;
  logger?: Logger;
  /** The reconciled kind and its API group (log fields and metric labels). */
  kind?: string;
  group?: string;
  metrics?: MetricsSink;
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
  private readonly queue: WorkQueue;
  private readonly abort = new AbortController();
  private workers: Promise<void>[] = [];
  private busy = 0;

  constructor(private readonly options: ControllerOptions) {
    this.queue = new WorkQueue(options.metrics?.queue(options.name));
  }

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
    this.options.metrics?.workers(this.options.name, n);
    this.options.metrics?.activeWorkers(this.options.name, 0);
    this.workers = Array.from({ length: n }, () => this.work());
  }

  /** Stops handing out work and waits for running reconciles to end. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.queue.shutdown();
    await Promise.all(this.workers);
    this.options.metrics?.workers(this.options.name, 0);
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const request = parseKey(key);
      const scope = {
        controller: this.options.name,
        controllerGroup: this.options.group ?? '',
        controllerKind: this.options.kind ?? '',
        name: request.name,
        namespace: request.namespace,
        reconcileID: randomUUID(),
      };
      this.options.metrics?.activeWorkers(this.options.name, ++this.busy);
      const started = Date.now();
      try {
        const outcome = await runInReconcileScope(scope, () => this.reconcileOnce(key, request, started));
        if (outcome) this.observe(request, started, outcome);
      } finally {
        this.options.metrics?.activeWorkers(this.options.name, --this.busy);
        this.queue.done(key);
      }
    }
  }

  /** One reconcile and what the queue does next; undefined when aborted by a stop. */
  private async reconcileOnce(
    key: string,
    request: ReconcileRequest,
    started: number,
  ): Promise<{ outcome: ReconcileOutcome; terminal?: boolean } | undefined> {
    try {
      const result = await this.options.reconciler.reconcile(request, this.abort.signal);
      this.queue.forget(key);
      if (result.requeueAfterMs === undefined) return { outcome: 'success' };
      this.queue.addAfter(key, result.requeueAfterMs);
      // Flux writes this at info on success only; a result here may also follow a failure the
      // reconciler recorded in status, so it stays at debug.
      this.options.logger?.(
        'debug',
        `Reconciliation finished in ${formatDuration(Date.now() - started)}, next run in ${formatDuration(result.requeueAfterMs)}`,
      );
      return { outcome: 'requeue_after' };
    } catch (error) {
      if (this.abort.signal.aborted) return undefined;
      if (error instanceof WaitingError) {
        this.queue.forget(key);
        this.queue.addAfter(key, error.requeueAfterMs);
        return { outcome: 'requeue_after' };
      }
      // controller-runtime's own line for a failed reconcile, with the error as a field.
      this.options.logger?.('error', 'Reconciler error', {
        error: redactUrlCredentials(errorMessage(error)),
      });
      if (error instanceof StallingError) {
        this.queue.forget(key);
        return { outcome: 'error', terminal: true };
      }
      this.queue.addRateLimited(key);
      return { outcome: 'error' };
    }
  }

  private observe(
    request: ReconcileRequest,
    started: number,
    result: { outcome: ReconcileOutcome; terminal?: boolean },
  ): void {
    this.options.metrics?.reconciled({
      controller: this.options.name,
      kind: this.options.kind ?? this.options.name,
      namespace: request.namespace,
      name: request.name,
      durationMs: Date.now() - started,
      outcome: result.outcome,
      terminal: result.terminal,
    });
  }
}

/**
 * What the runtime tells a metrics backend. Core stays free of any metrics library: the server
 * implements this with prom-client under Flux's and controller-runtime's metric names.
 */

/** controller-runtime's `result` label of `controller_runtime_reconcile_total`. */
export type ReconcileOutcome = 'success' | 'error' | 'requeue' | 'requeue_after';

/** One finished reconcile. */
export interface ReconcileObservation {
  /** The controller's name (the lowercased kind, as controller-runtime names it). */
  controller: string;
  /** The object's kind, as Flux's `gotk_reconcile_duration_seconds` labels it. */
  kind: string;
  namespace: string;
  name: string;
  durationMs: number;
  outcome: ReconcileOutcome;
  /** A terminal error (Stalling): counted, never retried. */
  terminal?: boolean;
}

/** One work queue's events (client-go's workqueue metrics provider). */
export interface QueueMetrics {
  /** A key was added (not counted when it was already waiting). */
  added(): void;
  /** Keys waiting now. */
  depth(n: number): void;
  /** A key was handed out after waiting this long. */
  waited(ms: number): void;
  /** A key's processing took this long. */
  worked(ms: number): void;
  /** A key was re-added after a failure. */
  retried(): void;
}

/** The runtime's metrics sink, given to the engine in `EngineOptions.metrics`. */
export interface MetricsSink {
  /** The queue of a controller, named as the controller. */
  queue(name: string): QueueMetrics;
  /** A controller starts with this many workers (0 when it stops). */
  workers(controller: string, max: number): void;
  /** Workers busy now in a controller. */
  activeWorkers(controller: string, n: number): void;
  reconciled(observation: ReconcileObservation): void;
  /** An object is gone: its per-object series are dropped (Flux's `DeleteDuration`). */
  objectDeleted(kind: string, namespace: string, name: string): void;
}

/** Queue metrics that record nothing (no sink configured). */
export const NO_QUEUE_METRICS: QueueMetrics = {
  added: () => undefined,
  depth: () => undefined,
  waited: () => undefined,
  worked: () => undefined,
  retried: () => undefined,
};

import type { MetricsSink, QueueMetrics, ReconcileObservation } from '@tideline/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { GOTK_DURATION_BUCKETS, RECONCILE_TIME_BUCKETS, WORKQUEUE_BUCKETS } from './buckets.js';

/** controller-runtime sets every result series to 0 when a controller starts. */
const RESULTS = ['success', 'error', 'requeue', 'requeue_after'] as const;

/**
 * The engine's metrics under the names Flux's controllers export, so Flux's Grafana dashboards
 * and alert rules read Tideline unchanged: fluxcd/pkg's `gotk_reconcile_duration_seconds`,
 * controller-runtime's `controller_runtime_*`, and client-go's `workqueue_*` (labels `name` and
 * `controller`, both the controller's name, as controller-runtime's provider sets them).
 */
export function prometheusSink(registry: Registry): MetricsSink {
  const registers = [registry];
  const duration = new Histogram({
    name: 'gotk_reconcile_duration_seconds',
    help: 'The duration in seconds of a GitOps Toolkit resource reconciliation.',
    labelNames: ['kind', 'name', 'namespace'],
    buckets: GOTK_DURATION_BUCKETS,
    registers,
  });
  const total = new Counter({
    name: 'controller_runtime_reconcile_total',
    help: 'Total number of reconciliations per controller',
    labelNames: ['controller', 'result'],
    registers,
  });
  const errors = new Counter({
    name: 'controller_runtime_reconcile_errors_total',
    help: 'Total number of reconciliation errors per controller',
    labelNames: ['controller'],
    registers,
  });
  const terminal = new Counter({
    name: 'controller_runtime_terminal_reconcile_errors_total',
    help: 'Total number of terminal reconciliation errors per controller',
    labelNames: ['controller'],
    registers,
  });
  const time = new Histogram({
    name: 'controller_runtime_reconcile_time_seconds',
    help: 'Length of time per reconciliation per controller',
    labelNames: ['controller'],
    buckets: RECONCILE_TIME_BUCKETS,
    registers,
  });
  const maxWorkers = new Gauge({
    name: 'controller_runtime_max_concurrent_reconciles',
    help: 'Maximum number of concurrent reconciles per controller',
    labelNames: ['controller'],
    registers,
  });
  const active = new Gauge({
    name: 'controller_runtime_active_workers',
    help: 'Number of currently used workers per controller',
    labelNames: ['controller'],
    registers,
  });
  const queues = workqueueMetrics(registry);
  return {
    queue: (name) => queues(name),
    workers: (controller, max) => {
      maxWorkers.set({ controller }, max);
      for (const result of RESULTS) total.inc({ controller, result }, 0);
      errors.inc({ controller }, 0);
      terminal.inc({ controller }, 0);
    },
    activeWorkers: (controller, n) => active.set({ controller }, n),
    reconciled: (o: ReconcileObservation) => {
      const seconds = o.durationMs / 1000;
      duration.observe({ kind: o.kind, name: o.name, namespace: o.namespace }, seconds);
      time.observe({ controller: o.controller }, seconds);
      total.inc({ controller: o.controller, result: o.outcome });
      if (o.outcome === 'error') errors.inc({ controller: o.controller });
      if (o.terminal) terminal.inc({ controller: o.controller });
    },
    objectDeleted: (kind, namespace, name) => duration.remove({ kind, name, namespace }),
  };
}

/** client-go's workqueue metrics, one labelled child per queue. */
function workqueueMetrics(registry: Registry): (name: string) => QueueMetrics {
  const registers = [registry];
  const labelNames = ['name', 'controller'] as const;
  const depth = new Gauge({
    name: 'workqueue_depth',
    help: 'Current depth of workqueue',
    labelNames,
    registers,
  });
  const adds = new Counter({
    name: 'workqueue_adds_total',
    help: 'Total number of adds handled by workqueue',
    labelNames,
    registers,
  });
  const latency = new Histogram({
    name: 'workqueue_queue_duration_seconds',
    help: 'How long in seconds an item stays in workqueue before being requested',
    labelNames,
    buckets: WORKQUEUE_BUCKETS,
    registers,
  });
  const work = new Histogram({
    name: 'workqueue_work_duration_seconds',
    help: 'How long in seconds processing an item from workqueue takes.',
    labelNames,
    buckets: WORKQUEUE_BUCKETS,
    registers,
  });
  const retries = new Counter({
    name: 'workqueue_retries_total',
    help: 'Total number of retries handled by workqueue',
    labelNames,
    registers,
  });
  return (name) => {
    const labels = { name, controller: name };
    depth.set(labels, 0);
    adds.inc(labels, 0);
    retries.inc(labels, 0);
    return {
      added: () => adds.inc(labels),
      depth: (n) => depth.set(labels, n),
      waited: (ms) => latency.observe(labels, ms / 1000),
      worked: (ms) => work.observe(labels, ms / 1000),
      retried: () => retries.inc(labels),
    };
  };
}

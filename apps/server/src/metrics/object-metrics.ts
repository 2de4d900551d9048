import { kindDefinition } from '@tideline/core';
import { Gauge, type Registry } from 'prom-client';
import type { FluxResource } from '../cache/to-dto.js';

const STATUSES = ['True', 'False', 'Unknown'] as const;

/** One `gotk_reconcile_condition` sample set: every status, 1 for the current one. Pure. */
export function conditionSamples(
  obj: FluxResource,
): { labels: Record<string, string>; value: number }[] | undefined {
  // Flux records no condition for kinds without status (Alert, Provider).
  if (kindDefinition(obj.kind)?.cli.staticReady) return undefined;
  const ready = obj.status?.conditions?.find((c) => c.type === 'Ready');
  const current = ready?.status ?? 'Unknown';
  const base = { kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? '' };
  return STATUSES.map((status) => ({
    labels: { ...base, type: 'Ready', status },
    value: status === current ? 1 : 0,
  }));
}

/**
 * fluxcd/pkg's per-object gauges, `gotk_reconcile_condition{kind,name,namespace,type,status}`
 * and `gotk_suspend_status{kind,name,namespace}`, computed at scrape time from the watch cache:
 * Kubernetes is the database, so these read the objects' status rather than engine internals,
 * and a deleted object's series disappear with it. They are the same in observe mode.
 */
export function registerObjectMetrics(registry: Registry, objects: () => FluxResource[]): void {
  new Gauge({
    name: 'gotk_reconcile_condition',
    help: 'The current condition status of a GitOps Toolkit resource reconciliation.',
    labelNames: ['kind', 'name', 'namespace', 'type', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const obj of objects()) {
        for (const sample of conditionSamples(obj) ?? []) this.set(sample.labels, sample.value);
      }
    },
  });
  new Gauge({
    name: 'gotk_suspend_status',
    help: 'The current suspend status of a GitOps Toolkit resource.',
    labelNames: ['kind', 'name', 'namespace'],
    registers: [registry],
    collect() {
      this.reset();
      for (const obj of objects()) {
        if (kindDefinition(obj.kind)?.cli.staticReady) continue;
        const labels = { kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? '' };
        this.set(labels, obj.spec?.suspend === true ? 1 : 0);
      }
    },
  });
}

import type { DriftDto, KustomizationPlanDto } from '../api/dto.js';
import type { FluxResource } from './to-dto.js';

/** Plan results kept, one per Kustomization; the oldest goes first. */
export const PLAN_DRIFT_CAPACITY = 1000;

/** What one desired-vs-live diff found, kept for the passive badge. */
export interface PlanDriftRecord {
  /** The source revision the diff built. */
  revision: string;
  /** Objects that differed (configured or missing). */
  changed: number;
  /** When the diff was computed. */
  at: string;
}

/** helm-controller's `Drifted=True`: the badge for a HelmRelease. Pure. */
export function helmDrift(obj: FluxResource): DriftDto | undefined {
  if (obj.kind !== 'HelmRelease') return undefined;
  const drifted = obj.status?.conditions?.find((c) => c.type === 'Drifted');
  if (drifted?.status !== 'True') return undefined;
  return {
    by: 'helm-controller',
    // The condition lists every drifted object after its first line; the badge needs the first.
    message: (drifted.message.split('\n')[0] ?? '').trim(),
    at: drifted.lastTransitionTime,
  };
}

/**
 * What a diff says for the badge: a record only when the source is at the applied revision
 * (otherwise the changes are the next apply, not drift). Pure.
 */
export function planDriftRecord(plan: KustomizationPlanDto, at: string): PlanDriftRecord | undefined {
  if (!plan.lastAppliedRevision || plan.revision !== plan.lastAppliedRevision) return undefined;
  const changed = plan.objects.filter((o) => o.action === 'configured' || o.action === 'created').length;
  return { revision: plan.revision, changed, at };
}

/** The newest `lastReconciled` in a Kustomization's `status.history`. */
function lastReconciled(obj: FluxResource): string {
  const history = (obj.status as { history?: { lastReconciled?: string }[] } | undefined)?.history;
  if (!Array.isArray(history)) return '';
  return history.reduce(
    (max, h) => (h.lastReconciled && h.lastReconciled > max ? h.lastReconciled : max),
    '',
  );
}

/**
 * A Kustomization's badge from its last diff: drift while that diff still describes the
 * cluster, that is, the applied revision is the one it built and no reconcile ran since (each
 * reconcile re-applies, which corrects drift). Pure.
 */
export function kustomizationDrift(
  obj: FluxResource,
  record: PlanDriftRecord | undefined,
): DriftDto | undefined {
  if (!record || record.changed === 0) return undefined;
  if (obj.status?.lastAppliedRevision !== record.revision) return undefined;
  if (lastReconciled(obj) > record.at) return undefined;
  return {
    by: 'diff',
    message: `${record.changed} object${record.changed === 1 ? '' : 's'} differ${record.changed === 1 ? 's' : ''} from the last apply (${record.revision})`,
    at: record.at,
  };
}

/** The last diff result per Kustomization, bounded, dropped with the object. */
export class PlanDriftMemory {
  private readonly byObject = new Map<string, PlanDriftRecord>();

  constructor(private readonly capacity = PLAN_DRIFT_CAPACITY) {}

  /** Keeps a diff's result (or forgets the last one when the diff was not at the applied revision). */
  set(id: string, record: PlanDriftRecord | undefined): void {
    this.byObject.delete(id);
    if (!record) return;
    this.byObject.set(id, record);
    if (this.byObject.size > this.capacity) {
      const oldest = this.byObject.keys().next().value;
      if (oldest !== undefined) this.byObject.delete(oldest);
    }
  }

  /** The last result for an object. */
  get(id: string): PlanDriftRecord | undefined {
    return this.byObject.get(id);
  }

  /** Forgets an object (it was deleted). */
  drop(id: string): void {
    this.byObject.delete(id);
  }

  /** How many are kept. */
  get size(): number {
    return this.byObject.size;
  }
}

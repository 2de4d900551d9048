import type { KustomizationPlanDto, PlannedObjectDto } from '@tideline/server';

/** The counts and headline of a plan, and the objects worth opening. */
export interface PlanSummary {
  counts: Record<PlannedObjectDto['action'] | 'pruned', number>;
  /** The source is at the applied revision, yet objects differ: the cluster drifted. */
  drift: boolean;
  headline: string;
  /** Created, configured and failed objects, in that order (unchanged and skipped are counted only). */
  shown: PlannedObjectDto[];
}

const ORDER: Record<PlannedObjectDto['action'], number> = {
  failed: 0,
  configured: 1,
  created: 2,
  skipped: 3,
  unchanged: 4,
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a plan says at a glance: what would change, whether that is drift, what to open. Pure. */
export function planSummary(plan: KustomizationPlanDto): PlanSummary {
  const counts = {
    created: 0,
    configured: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    pruned: plan.pruned.length,
  };
  for (const o of plan.objects) counts[o.action]++;
  const atApplied = plan.revision === plan.lastAppliedRevision;
  const drift = atApplied && counts.configured + counts.created > 0;
  const parts = [
    counts.created && `${counts.created} to create`,
    counts.configured && `${counts.configured} to change`,
    counts.pruned && `${counts.pruned} to prune`,
    counts.failed && `${counts.failed} failing the dry-run`,
  ].filter(Boolean);
  const what = parts.length > 0 ? parts.join(', ') : 'nothing to change';
  const headline = atApplied
    ? `${drift ? 'Drift from' : 'In sync with'} the last apply (${plan.revision}): ${what}`
    : `Next apply, ${plan.revision} (last applied ${plan.lastAppliedRevision ?? 'never'}): ${what}`;
  const shown = plan.objects
    .filter((o) => o.action === 'created' || o.action === 'configured' || o.action === 'failed')
    .sort((a, b) => ORDER[a.action] - ORDER[b.action] || (a.subject < b.subject ? -1 : 1));
  return {
    counts,
    drift,
    headline: `${headline}; ${plural(counts.unchanged, 'object')} unchanged.`,
    shown,
  };
}

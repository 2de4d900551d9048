import type { HelmReleasePlanDto, PlanDto, PlannedObjectDto } from '@tideline/server';

/** The counts and headline of a plan, and the objects worth opening. */
export interface PlanSummary {
  counts: Record<PlannedObjectDto['action'] | 'pruned', number>;
  /** The source is at the applied revision, yet objects differ: the cluster drifted. */
  drift: boolean;
  headline: string;
  /** Created, configured and failed objects, in that order (unchanged and skipped are counted only). */
  shown: PlannedObjectDto[];
  /** A HelmRelease's upgrade diff (stored release → rendered chart), the changed objects only. */
  upgrade?: PlannedObjectDto[];
}

const ORDER: Record<PlannedObjectDto['action'], number> = {
  failed: 0,
  configured: 1,
  created: 2,
  skipped: 3,
  unchanged: 4,
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const changing = (o: PlannedObjectDto): boolean =>
  o.action === 'created' || o.action === 'configured' || o.action === 'failed';

const worthOpening = (objects: readonly PlannedObjectDto[]): PlannedObjectDto[] =>
  objects
    .filter(changing)
    .sort((a, b) => ORDER[a.action] - ORDER[b.action] || (a.subject < b.subject ? -1 : 1));

/**
 * A HelmRelease's headline: an install, an upgrade (the rendered chart differs from the stored
 * release, or its values do), or the stored release against the cluster — drift. Pure.
 */
function releaseHeadline(plan: HelmReleasePlanDto, what: string): { headline: string; drift: boolean } {
  const upgrading = plan.upgrade.some(changing) || plan.pruned.length > 0 || plan.valuesChanged;
  if (!plan.release) return { headline: `Install, ${plan.revision}: ${what}`, drift: false };
  if (upgrading) {
    const values = plan.valuesChanged ? '; values changed' : '';
    return {
      headline: `Next upgrade, ${plan.revision} (last applied ${plan.release}, ${plan.lastAppliedRevision ?? 'unknown chart'}${values}): ${what}`,
      drift: false,
    };
  }
  const drift = plan.objects.some((o) => o.action === 'configured' || o.action === 'created');
  return {
    headline: `${drift ? 'Drift from' : 'In sync with'} release ${plan.release} (${plan.revision}): ${what}`,
    drift,
  };
}

/** What a plan says at a glance: what would change, whether that is drift, what to open. Pure. */
export function planSummary(plan: PlanDto): PlanSummary {
  const counts = {
    created: 0,
    configured: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    pruned: plan.pruned.length,
  };
  for (const o of plan.objects) counts[o.action]++;
  const release = 'upgrade' in plan;
  const parts = [
    counts.created && `${counts.created} to create`,
    counts.configured && `${counts.configured} to change`,
    counts.pruned && `${counts.pruned} to ${release ? 'delete' : 'prune'}`,
    counts.failed && `${counts.failed} failing the dry-run`,
  ].filter(Boolean);
  const what = parts.length > 0 ? parts.join(', ') : 'nothing to change';
  let headline: string;
  let drift: boolean;
  if (release) ({ headline, drift } = releaseHeadline(plan, what));
  else {
    const atApplied = plan.revision === plan.lastAppliedRevision;
    drift = atApplied && counts.configured + counts.created > 0;
    headline = atApplied
      ? `${drift ? 'Drift from' : 'In sync with'} the last apply (${plan.revision}): ${what}`
      : `Next apply, ${plan.revision} (last applied ${plan.lastAppliedRevision ?? 'never'}): ${what}`;
  }
  return {
    counts,
    drift,
    headline: `${headline}; ${plural(counts.unchanged, 'object')} unchanged.`,
    shown: worthOpening(plan.objects),
    ...(release ? { upgrade: worthOpening(plan.upgrade) } : {}),
  };
}

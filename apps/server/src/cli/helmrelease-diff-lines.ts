import type { HelmReleasePlan } from '@tideline/core';

type Planned = HelmReleasePlan['objects'][number];

/** One object's field changes as a diff: ` path`, then `-old` / `+new` (Secret values masked). Pure. */
function fieldLines(object: Planned, from: string, to: string): string {
  const body = object.changes.flatMap((c) => [
    ` ${c.path}`,
    ...(c.before !== undefined ? [`-  ${c.before}`] : []),
    ...(c.after !== undefined ? [`+  ${c.after}`] : []),
  ]);
  if (object.truncated) body.push(' … more fields change than are listed');
  return [`--- ${from}`, `+++ ${to}`, ...body, ''].join('\n');
}

/**
 * `tideline diff helmrelease` in `diff kustomization`'s shape: `► <subject> created|drifted|
 * deleted` per object against the cluster, preceded by what the upgrade changes in the stored
 * release (`► <subject> upgraded` with its fields, `added`, `deleted`). Unchanged objects print
 * nothing; failed dry-runs are returned as errors. Pure.
 */
export function helmReleaseDiffLines(plan: HelmReleasePlan): { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  for (const o of plan.upgrade) {
    if (o.action === 'configured')
      lines.push(`► ${o.subject} upgraded\n${fieldLines(o, 'stored', 'rendered')}`);
    if (o.action === 'created') lines.push(`► ${o.subject} added to the release\n`);
  }
  for (const subject of plan.pruned) lines.push(`► ${subject} deleted\n`);
  const errors: string[] = [];
  for (const o of plan.objects) {
    if (o.action === 'created') lines.push(`► ${o.subject} created\n`);
    if (o.action === 'configured') lines.push(`► ${o.subject} drifted\n${fieldLines(o, 'live', 'merged')}`);
    if (o.action === 'failed') errors.push(o.error ?? `${o.subject} dry-run failed`);
  }
  return { lines, errors };
}

import type { KustomizationSpec } from '../../api/kustomize-v1.js';
import type { ChangeSetEntry } from '../../kube/apply.js';
import type { WaitTarget } from '../../kube/health/wait-plan.js';
import type { KubeObject } from '../../kube/objects.js';

/** The Kustomization doing the check (never waited on: that would deadlock). */
export interface SelfRef {
  name: string;
  namespace: string;
}

function isTtlJob(obj: KubeObject): boolean {
  const ttl = (obj.spec as { ttlSecondsAfterFinished?: unknown } | undefined)?.ttlSecondsAfterFinished;
  return obj.kind === 'Job' && obj.apiVersion.startsWith('batch/') && typeof ttl === 'number';
}

function key(t: { apiVersion: string; kind: string; namespace?: string; name: string }): string {
  const group = t.apiVersion.includes('/') ? t.apiVersion.slice(0, t.apiVersion.indexOf('/')) : '';
  return `${group}/${t.kind}/${t.namespace ?? ''}/${t.name}`;
}

/**
 * What kustomize-controller health-checks: with `wait`, every applied object except skipped
 * ones; otherwise the `healthChecks` references (apiVersion defaulting to `apps/v1`). The
 * Kustomization itself is left out, and built Jobs with `ttlSecondsAfterFinished` are marked
 * so their disappearance counts as success. Undefined when no check is configured or nothing
 * is to be checked (Healthy is then removed); empty when only itself would be. Pure.
 */
export function healthCheckTargets(
  spec: Pick<KustomizationSpec, 'wait' | 'healthChecks'>,
  changeSet: readonly ChangeSetEntry[],
  built: readonly KubeObject[],
  self: SelfRef,
): WaitTarget[] | undefined {
  if (!spec.wait && !(spec.healthChecks && spec.healthChecks.length > 0)) return undefined;
  const refs: WaitTarget[] = spec.wait
    ? changeSet
        .filter((c) => c.action !== 'skipped')
        .map(({ object: o }) => ({
          apiVersion: o.apiVersion,
          kind: o.kind,
          name: o.metadata.name,
          ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        }))
    : (spec.healthChecks ?? []).map((h) => ({
        apiVersion: h.apiVersion || 'apps/v1',
        kind: h.kind,
        name: h.name,
        ...(h.namespace ? { namespace: h.namespace } : {}),
      }));
  if (refs.length === 0) return undefined;
  const ttlJobs = new Set(
    built.filter(isTtlJob).map((o) => key({ ...o, namespace: o.metadata.namespace, name: o.metadata.name })),
  );
  return refs
    .filter((r) => !(r.kind === 'Kustomization' && r.name === self.name && r.namespace === self.namespace))
    .map((r) => (ttlJobs.has(key(r)) ? { ...r, ttlJob: true } : r));
}

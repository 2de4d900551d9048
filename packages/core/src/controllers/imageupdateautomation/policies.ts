import { readImageRef, type ImageRef } from '../../api/image-group.js';
import { compileLabelSelector, LabelSelectorError, type LabelSelector } from '../../api/label-selector.js';
import type { KubeObject } from '../../kube/objects.js';
import type { PolicyRef } from '../../images/setters/setter-values.js';

/** A selector Flux cannot parse (Stalled `InvalidPolicySelector`). */
export { LabelSelectorError };

type Policy = KubeObject & { status?: { latestRef?: unknown } };

/**
 * Flux's `getPolicies`: the ImagePolicies of the automation's namespace that match the selector
 * (all without one) and have a `latestRef`. Throws `LabelSelectorError` for a bad selector. Pure.
 */
export function selectPolicies(
  namespace: string,
  selector: LabelSelector | undefined,
  policies: readonly KubeObject[],
): PolicyRef[] {
  const matches = compileLabelSelector(selector);
  return policies
    .filter((p) => p.metadata.namespace === namespace && matches(p.metadata.labels))
    .flatMap((p) => {
      const latestRef = readImageRef((p as Policy).status?.latestRef);
      return latestRef ? [{ namespace, name: p.metadata.name, latestRef }] : [];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `status.observedPolicies`: policy name → its image ref. Pure. */
export function observedPolicies(policies: readonly PolicyRef[]): Record<string, ImageRef> {
  return Object.fromEntries(policies.map((p) => [p.name, { ...p.latestRef }]));
}

/** Flux's `observedPoliciesChanged`. Pure. */
export function observedPoliciesChanged(
  previous: Readonly<Record<string, ImageRef>> | undefined,
  current: Readonly<Record<string, ImageRef>>,
): boolean {
  const before = previous ?? {};
  if (Object.keys(before).length !== Object.keys(current).length) return true;
  return Object.entries(current).some(([name, ref]) => {
    const old = before[name];
    return !old || old.name !== ref.name || old.tag !== ref.tag || (old.digest ?? '') !== (ref.digest ?? '');
  });
}

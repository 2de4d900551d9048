import { KubeApiError } from './errors.js';
import type { KubeObject } from './objects.js';
import { objectSubject } from './objects.js';

/** Flux's per-object annotations (or labels) steering server-side apply. */
export const ApplyAnnotations = {
  reconcile: 'kustomize.toolkit.fluxcd.io/reconcile',
  ssa: 'kustomize.toolkit.fluxcd.io/ssa',
  force: 'kustomize.toolkit.fluxcd.io/force',
  prune: 'kustomize.toolkit.fluxcd.io/prune',
} as const;

/** A label/annotation selector: key → value, matched case-insensitively. */
export type MetadataSelector = Readonly<Record<string, string>>;

/** Objects Flux never touches: `reconcile: disabled` or `ssa: Ignore`. */
export const EXCLUSION_SELECTOR: MetadataSelector = {
  [ApplyAnnotations.reconcile]: 'disabled',
  [ApplyAnnotations.ssa]: 'ignore',
};
/** Objects applied only when absent. */
export const IF_NOT_PRESENT_SELECTOR: MetadataSelector = { [ApplyAnnotations.ssa]: 'ifnotpresent' };
/** Objects recreated on immutable-field errors even without `spec.force`. */
export const FORCE_SELECTOR: MetadataSelector = { [ApplyAnnotations.force]: 'enabled' };
/** Objects whose metadata Flux does not clean up (other managers' edits survive). */
export const MERGE_SELECTOR: MetadataSelector = { [ApplyAnnotations.ssa]: 'merge' };

/** fluxcd/pkg `AnyInMetadata`: a non-empty label or annotation equal (ignoring case) to a selector value. Pure. */
export function anyInMetadata(obj: KubeObject | undefined, selector: MetadataSelector): boolean {
  if (!obj) return false;
  const labels = obj.metadata.labels ?? {};
  const annotations = obj.metadata.annotations ?? {};
  return Object.entries(selector).some(([key, value]) => {
    const l = labels[key];
    const a = annotations[key];
    return (
      (!!l && l.toLowerCase() === value.toLowerCase()) || (!!a && a.toLowerCase() === value.toLowerCase())
    );
  });
}

/** Whether apply skips the object: excluded on either side, or `ssa: IfNotPresent` and it exists. Pure. */
export function shouldSkipApply(desired: KubeObject, live: KubeObject | undefined): boolean {
  if (anyInMetadata(desired, EXCLUSION_SELECTOR) || anyInMetadata(live, EXCLUSION_SELECTOR)) return true;
  return live !== undefined && anyInMetadata(desired, IF_NOT_PRESENT_SELECTOR);
}

const IMMUTABLE_MESSAGES = [/is\simmutable/, /immutable\sfield/];

/** fluxcd/pkg `IsImmutableError`: HTTP 409/422 (as kubectl decides), or an immutable-field message. Pure. */
export function isImmutableError(error: unknown): boolean {
  if (error instanceof KubeApiError && (error.statusCode === 409 || error.statusCode === 422)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return IMMUTABLE_MESSAGES.some((re) => re.test(message));
}

/** Whether to delete and recreate after a failed dry-run: an immutable error and `spec.force` or `force: enabled`. Pure. */
export function shouldForceApply(
  desired: KubeObject,
  live: KubeObject | undefined,
  force: boolean,
  error: unknown,
): boolean {
  if (!isImmutableError(error)) return false;
  return force || anyInMetadata(desired, FORCE_SELECTOR) || anyInMetadata(live, FORCE_SELECTOR);
}

/** Whether metadata cleanup is skipped (`ssa: Merge` on either side). Pure. */
export function skipsCleanup(desired: KubeObject, live: KubeObject | undefined): boolean {
  return anyInMetadata(desired, MERGE_SELECTOR) || anyInMetadata(live, MERGE_SELECTOR);
}

/** CRDs, Namespaces and ClusterRoles: applied first and waited for. Pure. */
export function isClusterDefinition(obj: KubeObject): boolean {
  const kind = obj.kind.toLowerCase();
  return (
    (kind === 'customresourcedefinition' && obj.apiVersion.startsWith('apiextensions.k8s.io/')) ||
    (kind === 'namespace' && obj.apiVersion === 'v1') ||
    (kind === 'clusterrole' && obj.apiVersion.startsWith('rbac.authorization.k8s.io/'))
  );
}

/** Kinds ending in `Class`: applied second and waited for. Pure. */
export function isClassDefinition(obj: KubeObject): boolean {
  return obj.kind.endsWith('Class');
}

/** fluxcd/pkg `DryRunErr` text: `<subject> not found: …` or `<subject> dry-run failed (<Reason>): …`. Pure. */
export function dryRunErrorMessage(obj: KubeObject, error: unknown): string {
  const subject = objectSubject(obj);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof KubeApiError && error.statusCode === 404) {
    return obj.metadata.namespace
      ? `${subject} not found: ${message}`
      : `${subject} namespace not specified: ${message}`;
  }
  const reason = error instanceof KubeApiError && error.reason ? ` (${error.reason})` : '';
  return `${subject} dry-run failed${reason}: ${message}`;
}

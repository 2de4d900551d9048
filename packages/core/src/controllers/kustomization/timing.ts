import type { KustomizationSpec } from '../../api/kustomize-v1.js';
import { parseDuration } from '../../runtime/duration.js';

/** How long Flux waits for a dependency or a missing artifact (`--requeue-dependency`). */
export const REQUEUE_DEPENDENCY_MS = 30_000;

/** `spec.timeout`, else `interval − 30s`, never below 30s (kustomize-controller GetTimeout). Pure. */
export function kustomizationTimeout(spec: Pick<KustomizationSpec, 'interval' | 'timeout'>): number {
  const floor = 30_000;
  if (spec.timeout) return Math.max(parseDuration(spec.timeout), floor);
  return Math.max(parseDuration(spec.interval) - 30_000, floor);
}

/** `spec.retryInterval`, defaulting to `spec.interval`. Pure. */
export function retryInterval(spec: Pick<KustomizationSpec, 'interval' | 'retryInterval'>): number {
  return parseDuration(spec.retryInterval ?? spec.interval);
}

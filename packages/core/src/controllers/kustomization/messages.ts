import { formatDuration } from '../../runtime/duration.js';
import type { ChangeSetEntry } from '../../kube/apply.js';

/** Flux's Kustomization condition and event messages, in one place. */
export const KsMessages = {
  inProgress: 'Reconciliation in progress',
  fetching: (rev: string, t: number): string =>
    `Fetching manifests for revision ${rev} with a timeout of ${formatDuration(t)}`,
  building: (rev: string, t: number): string =>
    `Building manifests for revision ${rev} with a timeout of ${formatDuration(t)}`,
  detecting: (rev: string, t: number): string =>
    `Detecting drift for revision ${rev} with a timeout of ${formatDuration(t)}`,
  healthChecking: (rev: string, t: number): string =>
    `Running health checks for revision ${rev} with a timeout of ${formatDuration(t)}`,
  applied: (rev: string): string => `Applied revision: ${rev}`,
  noArtifact: 'Source artifact not found, retrying in 30s',
  artifactGone: 'Source is not ready, artifact not found, retrying in 30s',
  pathNotFound: (path: string): string =>
    `kustomization path not found: stat ${path}: no such file or directory`,
  dependencyWait: 'Dependencies do not meet ready condition, retrying in 30s',
  finished: (elapsedMs: number, intervalMs: number): string =>
    `Reconciliation finished in ${formatDuration(elapsedMs)}, next run in ${formatDuration(intervalMs)}`,
  sourceNotFound: (kind: string, name: string): string =>
    `${kind}.source.toolkit.fluxcd.io "${name}" not found`,
} as const;

/** One line per created/configured/deleted object, as Flux's change-set events read. Pure. */
export function changeSetMessage(entries: readonly ChangeSetEntry[], actions: readonly string[]): string {
  return entries
    .filter((e) => actions.includes(e.action))
    .map((e) => `${e.subject} ${e.action}`)
    .join('\n');
}

import type { Snapshot } from '../../api/helmrelease-v2.js';
import { DEFAULT_MAX_HISTORY } from './release-spec.js';

/**
 * `status.history` as helm-controller keeps it (api/v2 `Snapshots`): newest version first,
 * truncated back to the previous deployed release so a rollback target stays known. Pure.
 */

const DEPLOYED = new Set(['deployed', 'superseded']);

/** Newest version first. Pure. */
export function sortByVersion(history: readonly Snapshot[]): Snapshot[] {
  return [...history].sort((a, b) => b.version - a.version);
}

/** The newest snapshot. Pure. */
export function latest(history: readonly Snapshot[] | undefined): Snapshot | undefined {
  return history && history.length > 0 ? sortByVersion(history)[0] : undefined;
}

/** Whether a snapshot has a test hook in `phase`. Pure. */
export function hasTestInPhase(snapshot: Snapshot | undefined, phase: string): boolean {
  return Object.values(snapshot?.testHooks ?? {}).some((h) => h?.phase === phase);
}

/** `HasBeenTested`: tests ran (none defined counts), and any failure or all succeeded. Pure. */
export function hasBeenTested(snapshot: Snapshot | undefined): boolean {
  if (!snapshot?.testHooks) return false;
  const hooks = Object.values(snapshot.testHooks);
  if (hooks.length === 0) return true;
  if (hooks.some((h) => h?.phase === 'Failed')) return true;
  return hooks.every((h) => h?.phase === 'Succeeded');
}

/** `Previous`: the newest earlier deployed/superseded snapshot (without failed tests unless ignored). Pure. */
export function previous(
  history: readonly Snapshot[] | undefined,
  ignoreTests: boolean,
): Snapshot | undefined {
  if (!history || history.length < 2) return undefined;
  return sortByVersion(history)
    .slice(1)
    .find((s) => DEPLOYED.has(s.status) && (ignoreTests || !hasTestInPhase(s, 'Failed')));
}

/** `Truncate`: keep up to the previous deployed snapshot, else the newest 5. Pure. */
export function truncate(history: readonly Snapshot[] | undefined, ignoreTests: boolean): Snapshot[] {
  const sorted = sortByVersion(history ?? []);
  if (sorted.length < 2) return sorted;
  const index = sorted
    .slice(1)
    .findIndex((s) => DEPLOYED.has(s.status) && (ignoreTests || !hasTestInPhase(s, 'Failed')));
  if (index >= 0) return sorted.slice(0, index + 2);
  return sorted.slice(0, DEFAULT_MAX_HISTORY);
}

/** `TruncateIgnoringPreviousSnapshots`: the newest 5. Pure. */
export function truncateIgnoringPrevious(history: readonly Snapshot[] | undefined): Snapshot[] {
  return sortByVersion(history ?? []).slice(0, DEFAULT_MAX_HISTORY);
}

/** `<ns>/<name>.v<version>`. Pure. */
export const fullReleaseName = (s: Pick<Snapshot, 'namespace' | 'name' | 'version'> | undefined): string =>
  s ? `${s.namespace}/${s.name}.v${s.version}` : '';

/** `<chart>@<version>`. Pure. */
export const versionedChartName = (s: Pick<Snapshot, 'chartName' | 'chartVersion'> | undefined): string =>
  s ? `${s.chartName}@${s.chartVersion}` : '';

/** Whether a snapshot is of release `name` in `namespace`, at `version` (0: any). Pure. */
export function targets(s: Snapshot | undefined, name: string, namespace: string, version: number): boolean {
  return (
    s !== undefined &&
    s.name === name &&
    s.namespace === namespace &&
    (version === 0 || s.version === version)
  );
}

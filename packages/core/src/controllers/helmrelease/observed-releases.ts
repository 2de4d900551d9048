import type { Snapshot } from '../../api/helmrelease-v2.js';
import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { latest, sortByVersion } from './history.js';
import { snapshotOf, testHooksOf, type ReleaseAction, type TestFilter } from './release-observation.js';
import type { Hr } from './release-spec.js';

/**
 * How helm-controller records the releases an action wrote into `status.history` (its storage
 * observers). Tideline sees the writes after the helm call rather than one by one, so each
 * function applies the observer's net effect. `written` is newest first. Mutate `hr.status`.
 */

const same = (s: Snapshot, r: StoredReleaseJson): boolean =>
  s.name === r.name && s.namespace === r.namespace && s.version === r.version;

function withTestHooks(snapshot: Snapshot, from: Snapshot | undefined): Snapshot {
  return from?.testHooks ? { ...snapshot, testHooks: from.testHooks } : snapshot;
}

/** `observedReleases.recordOnObject` (install, upgrade): the newest is prepended, an older one updated. */
export function recordRelease(
  hr: Hr,
  written: readonly StoredReleaseJson[],
  action: 'install' | 'upgrade',
): void {
  const [newest, ...older] = written;
  if (!newest) return;
  const status = (hr.status ??= {});
  const ociDigest = status.lastAttemptedRevisionDigest || undefined;
  const history = [snapshotOf(newest, action, ociDigest), ...(status.history ?? [])];
  for (const rel of older) {
    const index = history.findIndex((s, i) => i > 0 && same(s, rel));
    if (index < 0) continue;
    const prev = history[index] as Snapshot;
    history[index] = withTestHooks(
      snapshotOf(rel, prev.action as ReleaseAction | undefined, prev.ociDigest),
      prev,
    );
    break;
  }
  status.history = history;
}

/** `observeRollback`: every written revision ends up recorded with action `rollback`. */
export function recordRollback(hr: Hr, written: readonly StoredReleaseJson[]): void {
  const status = (hr.status ??= {});
  let history = [...(status.history ?? [])];
  for (const rel of [...written].reverse()) {
    const index = history.findIndex((s) => same(s, rel));
    if (index >= 0) {
      const prev = history[index] as Snapshot;
      history[index] = withTestHooks(snapshotOf(rel, 'rollback', prev.ociDigest), prev);
    } else history = [snapshotOf(rel, 'rollback'), ...history];
  }
  status.history = sortByVersion(history);
}

/** `observeUninstall` / `observeUnlock`: written revisions already in the history are updated. */
export function recordUpdates(hr: Hr, written: readonly StoredReleaseJson[], action?: ReleaseAction): void {
  const status = (hr.status ??= {});
  status.history = (status.history ?? []).map((s) => {
    const rel = written.find((r) => same(s, r));
    if (!rel) return s;
    const updated = snapshotOf(rel, action ?? (s.action as ReleaseAction | undefined), s.ociDigest);
    return action ? withTestHooks(updated, s) : updated;
  });
}

/** `observeTest`: the latest snapshot, re-observed with its test hooks' last runs. */
export function recordTest(
  hr: Hr,
  written: readonly StoredReleaseJson[],
  filters: readonly TestFilter[],
): void {
  const status = (hr.status ??= {});
  const cur = latest(status.history);
  const rel = cur ? written.find((r) => same(cur, r)) : undefined;
  if (!cur || !rel) return;
  const tested: Snapshot = {
    ...snapshotOf(rel, cur.action as ReleaseAction | undefined, cur.ociDigest),
    testHooks: testHooksOf(rel, filters),
  };
  status.history = sortByVersion(status.history ?? []).map((s) => (s === cur || same(s, rel) ? tested : s));
}

import { createHash } from 'node:crypto';
import type { Snapshot, TestHookStatus } from '../../api/helmrelease-v2.js';
import type { HookJson, StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { configDigest } from './config-digest.js';
import { goJson } from './go-json.js';

/** The action that produced a snapshot, as helm-controller records it. */
export type ReleaseAction = 'install' | 'upgrade' | 'rollback' | 'uninstall' | 'uninstall-remediation';

/** The snapshot API version of the Helm 4 era. */
export const SNAPSHOT_API_VERSION = 'v2';

const isTestHook = (hook: HookJson): boolean => (hook.events ?? []).includes('test');

/**
 * helm-controller's `release.ObserveRelease` as JSON: the release without chart files (only
 * `chartMetadata`), without test hooks (so running tests never changes the digest), in the
 * Observation's field order. Pure.
 */
function observation(rel: StoredReleaseJson, ociDigest: string | undefined): Record<string, unknown> {
  const hooks = (rel.hooks ?? []).filter((h) => !isTestHook(h));
  return {
    name: rel.name,
    version: rel.version ?? 0,
    info: rel.info ?? {},
    chartMetadata: rel.chart?.metadata ?? {},
    config: rel.config && Object.keys(rel.config).length > 0 ? rel.config : null,
    manifest: rel.manifest ?? '',
    hooks: hooks.length > 0 ? hooks : null,
    namespace: rel.namespace ?? '',
    ...(ociDigest ? { ociDigest } : {}),
  };
}

/**
 * helm-controller's release digest: sha256 over the Observation as Go's JSON encoder writes it
 * (with its trailing newline). A stored release that no longer matches the latest snapshot's
 * digest was changed behind the controller's back (Unmanaged). Pure.
 */
export function releaseDigest(rel: StoredReleaseJson, ociDigest?: string): string {
  const text = `${goJson(observation(rel, ociDigest))}\n`;
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** metav1.Time as JSON: UTC, whole seconds (Go's RFC 3339 formatting truncates). Pure. */
export function metaTime(goTime: string | undefined): string | undefined {
  if (!goTime || goTime.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(goTime.replace(/\.\d+/, ''));
  return Number.isNaN(ms) ? undefined : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `release.ObservedToSnapshot`: the history entry for a stored release. Pure. */
export function snapshotOf(
  rel: StoredReleaseJson,
  action: ReleaseAction | undefined,
  ociDigest?: string,
): Snapshot {
  const meta = rel.chart?.metadata ?? {};
  const snapshot: Snapshot = {
    apiVersion: SNAPSHOT_API_VERSION,
    digest: releaseDigest(rel, ociDigest),
    name: rel.name,
    namespace: rel.namespace ?? '',
    version: rel.version ?? 0,
    status: rel.info?.status ?? '',
    chartName: meta.name ?? '',
    chartVersion: meta.version ?? '',
    configDigest: configDigest(rel.config),
    firstDeployed: metaTime(rel.info?.first_deployed) ?? '',
    lastDeployed: metaTime(rel.info?.last_deployed) ?? '',
  };
  if (action) snapshot.action = action;
  if (meta.appVersion) snapshot.appVersion = meta.appVersion;
  const deleted = metaTime(rel.info?.deleted);
  if (deleted) snapshot.deleted = deleted;
  if (ociDigest) snapshot.ociDigest = ociDigest;
  return snapshot;
}

/** A `test.filters` entry. */
export interface TestFilter {
  name: string;
  exclude?: boolean;
}

function selected(name: string, filters: readonly TestFilter[]): boolean {
  let hasInclude = false;
  let included = false;
  for (const f of filters) {
    if (f.exclude) {
      if (f.name === name) return false;
      continue;
    }
    hasInclude = true;
    if (f.name === name) included = true;
  }
  return !hasInclude || included;
}

/** `release.TestHooksFromRelease`: the test hooks the filters select, with their last run. Pure. */
export function testHooksOf(
  rel: StoredReleaseJson,
  filters: readonly TestFilter[] = [],
): Record<string, TestHookStatus> {
  const out: Record<string, TestHookStatus> = {};
  for (const hook of rel.hooks ?? []) {
    if (!isTestHook(hook) || !selected(hook.name, filters)) continue;
    const status: TestHookStatus = {};
    const started = metaTime(hook.last_run?.started_at);
    const completed = metaTime(hook.last_run?.completed_at);
    if (started) status.lastStarted = started;
    if (completed) status.lastCompleted = completed;
    if (hook.last_run?.phase) status.phase = hook.last_run.phase;
    out[hook.name] = status;
  }
  return out;
}

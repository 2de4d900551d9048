import { HELM_GROUP } from '../../api/helmrelease-v2.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import type { ReleaseStorage, StoredRevision } from '../../kube/helm-storage/release-storage.js';
import type { Resources } from '../../kube/resources.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import type { HelmCli, HelmResult, HelmTarget } from '../../render/helm/helm-cli.js';
import type { PostRenderSpec } from '../../render/helm/post-render.js';
import type { StatusPatcher } from '../shared/flux-object.js';
import type { ChartLoader, ReadyChart } from './chart-loader.js';
import { releaseName, releaseNamespace, storageNamespace, type Hr } from './release-spec.js';

/** What the HelmRelease reconciler needs from the engine. */
export interface HelmReleaseReconcilerDeps {
  /** The engine's own client: the HelmRelease, its sources, values, events. */
  resources: Resources;
  reader?: ObjectReader;
  events: EventRecorder;
  helm: HelmCli;
  charts: ChartLoader;
  /** The engine's kubeconfig file, for helm (undefined: helm's default). */
  kubeconfigPath?: string;
  /** Install with server-side apply when `install.serverSideApply` is unset (Flux: true; default here: from 1.22, where SSA is GA). */
  serverSideApplyDefault?: boolean;
  /** helm-controller's `DefaultToRetryOnFailure` feature gate. */
  defaultToRetryOnFailure?: boolean;
  /** Flux's `--default-service-account`. */
  defaultServiceAccount?: string;
  /** Flux's `--no-cross-namespace-refs`. */
  noCrossNamespaceRefs?: boolean;
  /** `--requeue-dependency` (Flux: 30s). */
  requeueDependencyMs?: number;
  /** Poll period of health checks with `healthCheckExprs` (Flux: 5s's kstatus poller); tests shorten it. */
  healthCheckIntervalMs?: number;
}

/** The cluster and identity every helm call and storage access of a HelmRelease uses. */
export interface ReleaseTarget {
  helm: HelmTarget;
  resources: Resources;
  storage: ReleaseStorage;
}

/** One reconcile of one HelmRelease, once its chart and values are known. */
export interface ReleaseContext {
  hr: Hr;
  deps: HelmReleaseReconcilerDeps;
  status: StatusPatcher;
  signal: AbortSignal;
  chart: ReadyChart;
  values: Record<string, unknown>;
  /** Strings from Secrets, masked in every message the controller writes. */
  secretStrings: readonly string[];
  target: ReleaseTarget;
  /** Whether installs use server-side apply by default on this target. */
  ssaDefault: boolean;
}

const MASK = '*****';

/** Masks Secret-derived strings in a message (helm errors may quote rendered values). Pure. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join(MASK);
  return out;
}

/** helm-controller's event metadata (`revision`, `token`, `app-version`, `oci-digest`). Pure. */
export function eventMeta(
  revision: string,
  token: string,
  appVersion?: string,
  ociDigest?: string,
): Record<string, string> {
  const meta: Record<string, string> = {};
  if (revision) meta[`${HELM_GROUP}/revision`] = revision;
  if (token) meta[`${HELM_GROUP}/token`] = token;
  if (appVersion) meta[`${HELM_GROUP}/app-version`] = appVersion;
  if (ociDigest) meta[`${HELM_GROUP}/oci-digest`] = ociDigest;
  return meta;
}

/** Records an event with Secret-derived strings masked. */
export async function emit(
  ctx: Pick<ReleaseContext, 'hr' | 'deps' | 'secretStrings'>,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  meta: Record<string, string> = {},
): Promise<void> {
  await ctx.deps.events.record(ctx.hr, type, reason, redactSecrets(message, ctx.secretStrings), meta);
}

/** The metadata post-renderers every action runs: commonMetadata, then the origin labels. Pure. */
export function postRenderSpec(hr: Hr): PostRenderSpec {
  const metadata = [
    ...(hr.spec.commonMetadata ? [hr.spec.commonMetadata] : []),
    {
      labels: {
        [`${HELM_GROUP}/name`]: hr.metadata.name,
        [`${HELM_GROUP}/namespace`]: hr.metadata.namespace ?? 'default',
      },
    },
  ];
  return {
    postRenderers: hr.spec.postRenderers ?? [],
    metadata,
    strategy: hr.spec.postRenderStrategy ?? 'combined',
  };
}

/** The Helm revisions the HelmRelease's history names (read by name instead of listed). Pure. */
export function knownVersions(hr: Hr): number[] {
  return (hr.status?.history ?? []).map((s) => s.version);
}

/** A helm call and the releases it wrote (new or changed revisions), newest first. */
export interface HelmOutcome {
  result: HelmResult;
  written: StoredReleaseJson[];
  /** Revisions the call deleted (an uninstall purge, history pruning), as they were before. */
  removed: StoredReleaseJson[];
}

/**
 * Runs a helm call against the release, staging its Secrets in the release namespace when the
 * HelmRelease stores them elsewhere (the helm CLI reads and writes releases where it installs),
 * and reports which revisions the call wrote, as helm-controller's storage observer does.
 */
export async function runHelm(
  ctx: Pick<ReleaseContext, 'hr' | 'deps' | 'target' | 'signal'>,
  call: { args: string[]; timeoutMs: number; stdin?: string; postRender?: PostRenderSpec },
): Promise<HelmOutcome> {
  const { hr, target } = ctx;
  const name = releaseName(hr);
  const workNs = releaseNamespace(hr);
  const storeNs = storageNamespace(hr);
  const staged = workNs !== storeNs;
  if (staged) await target.storage.sync(name, storeNs, workNs, false);
  const beforeRevs = await target.storage.revisions(workNs, name, knownVersions(hr));
  const before = new Map(beforeRevs.map((r) => [r.version, r.resourceVersion]));
  let after: StoredRevision[] = [];
  let result: HelmResult;
  try {
    result = await ctx.deps.helm.run({ ...call, target: target.helm, signal: ctx.signal });
    after = await target.storage.revisions(workNs, name, [
      ...knownVersions(hr),
      ...beforeRevs.map((r) => r.version),
    ]);
  } finally {
    if (staged) await target.storage.sync(name, workNs, storeNs, true);
  }
  const written = after.filter((r) => before.get(r.version) !== r.resourceVersion).map((r) => r.release());
  const remaining = new Set(after.map((r) => r.version));
  const removed = beforeRevs.filter((r) => !remaining.has(r.version)).map((r) => r.release());
  return { result, written, removed };
}

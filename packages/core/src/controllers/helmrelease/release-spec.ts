import { createHash } from 'node:crypto';
import type { HelmRelease, HelmReleaseSpec, PostRenderer } from '../../api/helmrelease-v2.js';
import { parseDuration } from '../../runtime/duration.js';
import type { FluxObject } from '../shared/flux-object.js';
import { goJson } from './go-json.js';

/**
 * The HelmRelease spec as helm-controller reads it (`api/v2` getters): defaults applied here,
 * never by the schema, so an object written by any client reads the same. Pure.
 */

/** A HelmRelease as the reconciler reads it. */
export type Hr = HelmRelease & FluxObject;

/** Flux's `defaultMaxHistory`. */
export const DEFAULT_MAX_HISTORY = 5;
/** A HelmRelease's `timeout` default. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** `strategy.retryInterval` default. */
export const DEFAULT_RETRY_INTERVAL_MS = 300_000;
const MAX_RELEASE_NAME = 53;

/** The HelmRelease's namespace. */
export const hrNamespace = (hr: Hr): string => hr.metadata.namespace ?? 'default';

/** `release.ShortenName`: names over 53 characters keep 40 and gain `-<12 hex of sha256>`. Pure. */
export function shortenName(name: string): string {
  if (name.length <= MAX_RELEASE_NAME) return name;
  const sum = createHash('sha256').update(name).digest('hex');
  return `${name.slice(0, MAX_RELEASE_NAME - 13)}-${sum.slice(0, 12)}`;
}

/** `GetReleaseName`, shortened: `releaseName`, else `[<targetNamespace>-]<name>`. Pure. */
export function releaseName(hr: Hr): string {
  const spec = hr.spec;
  const name =
    spec.releaseName ||
    (spec.targetNamespace ? `${spec.targetNamespace}-${hr.metadata.name}` : hr.metadata.name);
  return shortenName(name);
}

/** `GetReleaseNamespace`: `targetNamespace`, else the HelmRelease's namespace. Pure. */
export const releaseNamespace = (hr: Hr): string => hr.spec.targetNamespace || hrNamespace(hr);

/** `GetStorageNamespace`: `storageNamespace`, else the HelmRelease's namespace. Pure. */
export const storageNamespace = (hr: Hr): string => hr.spec.storageNamespace || hrNamespace(hr);

/** `GetHelmChartName`: `<hr namespace>-<hr name>`. Pure. */
export const helmChartName = (hr: Hr): string => `${hrNamespace(hr)}-${hr.metadata.name}`;

/** Where the generated HelmChart lives: the source's namespace, else the HelmRelease's. Pure. */
export const helmChartNamespace = (hr: Hr): string =>
  hr.spec.chart?.spec.sourceRef.namespace || hrNamespace(hr);

/** `spec.timeout` in ms (default 5m). Pure. */
export const specTimeoutMs = (hr: Hr): number =>
  hr.spec.timeout ? parseDuration(hr.spec.timeout) : DEFAULT_TIMEOUT_MS;

/** The action kinds that have their own `timeout`. */
export type TimedAction = 'install' | 'upgrade' | 'test' | 'rollback' | 'uninstall';

/** An action's `timeout`, defaulting to `spec.timeout`. Pure. */
export function actionTimeoutMs(hr: Hr, action: TimedAction): number {
  const own = hr.spec[action]?.timeout;
  return own ? parseDuration(own) : specTimeoutMs(hr);
}

/** `GetMaxHistory` (default 5; 0 = unlimited). Pure. */
export const maxHistory = (hr: Hr): number => hr.spec.maxHistory ?? DEFAULT_MAX_HISTORY;

/** Whether tests are enabled. Pure. */
export const testsEnabled = (hr: Hr): boolean => hr.spec.test?.enable === true;

/** `driftDetection.mode` (default disabled). Pure. */
export const driftMode = (hr: Hr): 'enabled' | 'warn' | 'disabled' =>
  hr.spec.driftDetection?.mode ?? 'disabled';

/** Whether chart and chartRef are exclusive, as the CRD's CEL rule demands. Pure. */
export const isValidChartReference = (spec: HelmReleaseSpec): boolean =>
  Boolean(spec.chart) !== Boolean(spec.chartRef);

function selectorJson(
  s: NonNullable<NonNullable<NonNullable<PostRenderer['kustomize']>['patches']>[number]['target']>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [
    'group',
    'version',
    'kind',
    'namespace',
    'name',
    'annotationSelector',
    'labelSelector',
  ] as const) {
    if (s[key]) out[key] = s[key];
  }
  return out;
}

function postRendererJson(pr: PostRenderer): Record<string, unknown> {
  if (!pr.kustomize) return {};
  const k: Record<string, unknown> = {};
  if (pr.kustomize.patches?.length) {
    k.patches = pr.kustomize.patches.map((p) => ({
      patch: p.patch,
      ...(p.target ? { target: selectorJson(p.target) } : {}),
    }));
  }
  if (pr.kustomize.images?.length) {
    k.images = pr.kustomize.images.map((i) => ({
      name: i.name,
      ...(i.newName ? { newName: i.newName } : {}),
      ...(i.newTag ? { newTag: i.newTag } : {}),
      ...(i.digest ? { digest: i.digest } : {}),
    }));
  }
  return { kustomize: k };
}

const sha256Json = (value: unknown): string =>
  `sha256:${createHash('sha256')
    .update(`${goJson(value)}\n`)
    .digest('hex')}`;

/** `postrender.Digest`: sha256 of the post-renderers as Go encodes the struct; '' when unset. Pure. */
export function postRenderersDigest(hr: Hr): string {
  return hr.spec.postRenderers ? sha256Json(hr.spec.postRenderers.map(postRendererJson)) : '';
}

/** `postrender.CommonMetadataDigest`; '' when unset. Pure. */
export function commonMetadataDigest(hr: Hr): string {
  const cm = hr.spec.commonMetadata;
  if (!cm) return '';
  const sorted = (m: Record<string, string> | undefined): Record<string, string> | undefined =>
    m && Object.keys(m).length > 0
      ? Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : undefined;
  const annotations = sorted(cm.annotations);
  const labels = sorted(cm.labels);
  return sha256Json({ ...(annotations ? { annotations } : {}), ...(labels ? { labels } : {}) });
}

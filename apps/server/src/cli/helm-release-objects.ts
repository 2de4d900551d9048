import { parseAllDocuments } from 'yaml';
import {
  decodeReleaseData,
  HELM_API_VERSION,
  releaseSecretName,
  UnknownKindError,
  type KubeObject,
  type Resources,
} from '@tideline/core';
import { CliError } from './cli-error.js';
import type { TreeObject } from './object-tree.js';

type Secret = KubeObject & { data?: Record<string, string> };
type HrView = KubeObject & {
  spec?: {
    releaseName?: string;
    targetNamespace?: string;
    storageNamespace?: string;
    kubeConfig?: unknown;
    install?: { crds?: string };
    upgrade?: { crds?: string };
  };
  status?: { history?: { version?: number }[]; lastReleaseRevision?: number };
};

/** Manifests beyond this many objects are cut short (a release Secret is at most 1 MiB compressed). */
const MAX_OBJECTS = 10_000;

const splitGroup = (apiVersion: string): string =>
  apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';

/**
 * The objects of a rendered release manifest, by identity only (the values Helm stored beside
 * it are never read into the output). Pure.
 */
export function manifestObjects(manifest: string): (TreeObject & { apiVersion: string })[] {
  const out: (TreeObject & { apiVersion: string })[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    const o = doc.toJS() as Partial<KubeObject> | null;
    if (!o?.apiVersion || !o.kind || !o.metadata?.name) continue;
    out.push({
      apiVersion: o.apiVersion,
      kind: o.kind,
      group: splitGroup(o.apiVersion),
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name,
    });
    if (out.length >= MAX_OBJECTS) break;
  }
  return out;
}

/** The storage Secret's release name: `releaseName`, else `[targetNamespace-]name` (flux's tree). Pure. */
function storageName(hr: HrView): string {
  const spec = hr.spec ?? {};
  if (spec.releaseName) return spec.releaseName;
  return spec.targetNamespace ? `${spec.targetNamespace}-${hr.metadata.name}` : hr.metadata.name;
}

const installsCrds = (policy: string | undefined): boolean => policy !== undefined && policy !== 'Skip';

/**
 * What `flux tree` shows under a HelmRelease: the objects of its latest release, read from
 * Helm's storage Secret (`sh.helm.release.v1.<release>.v<N>`, gzip, double base64), namespaced
 * objects without a namespace placed in the target namespace; then the CRDs it manages when it
 * installs or upgrades CRDs. A release on a remote cluster, not yet installed, or without storage has none.
 */
export async function helmReleaseObjects(
  resources: Resources,
  namespace: string,
  name: string,
): Promise<TreeObject[]> {
  const hr = await resources.get<HrView>({
    apiVersion: HELM_API_VERSION,
    kind: 'HelmRelease',
    namespace,
    name,
  });
  if (!hr || hr.spec?.kubeConfig) return [];
  const version = hr.status?.history?.[0]?.version ?? hr.status?.lastReleaseRevision ?? 0;
  if (version < 1) return [];
  const storageNamespace = hr.spec?.storageNamespace || namespace;
  const secret = await resources.get<Secret>({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: storageNamespace,
    name: releaseSecretName(storageName(hr), version),
  });
  if (!secret) return [];
  const data = secret.data?.release;
  const key = `${namespace}/${name}`;
  if (!data) throw new CliError(`failed to decode the Helm storage object for HelmRelease '${key}'`);
  let manifest: string;
  try {
    manifest = decodeReleaseData(data).manifest ?? '';
  } catch (error) {
    throw new CliError(
      `failed to decode the Helm storage object for HelmRelease '${key}': ${(error as Error).message}`,
    );
  }
  const target = hr.spec?.targetNamespace || namespace;
  const objects: TreeObject[] = [];
  for (const o of manifestObjects(manifest)) {
    if (!o.namespace && (await isNamespaced(resources, o.apiVersion, o.kind))) o.namespace = target;
    objects.push({ kind: o.kind, group: o.group, namespace: o.namespace, name: o.name });
  }
  if (installsCrds(hr.spec?.install?.crds) || installsCrds(hr.spec?.upgrade?.crds))
    objects.push(...(await releaseCrds(resources, hr, objects)));
  return objects;
}

/** Whether a kind is namespaced (a kind the cluster does not serve is taken as namespaced, as the chart wrote it). */
async function isNamespaced(resources: Resources, apiVersion: string, kind: string): Promise<boolean> {
  try {
    return (await resources.mapper.map(apiVersion, kind)).namespaced;
  } catch (error) {
    if (error instanceof UnknownKindError) return true;
    throw error;
  }
}

/** CRDs labelled with the HelmRelease's owner labels, not already in the manifest. */
async function releaseCrds(
  resources: Resources,
  hr: HrView,
  known: readonly TreeObject[],
): Promise<TreeObject[]> {
  const list = await resources.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition', {
    labelSelector: `helm.toolkit.fluxcd.io/name=${hr.metadata.name},helm.toolkit.fluxcd.io/namespace=${hr.metadata.namespace ?? ''}`,
  });
  return list.items
    .filter(
      (crd) => !known.some((k) => k.kind === 'CustomResourceDefinition' && k.name === crd.metadata.name),
    )
    .map((crd) => ({
      kind: 'CustomResourceDefinition',
      group: 'apiextensions.k8s.io',
      namespace: '',
      name: crd.metadata.name,
    }));
}

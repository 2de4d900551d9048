import { pushImageManifest, type RegistryCredentials } from '@tideline/sandbox';
import { IMAGE_API_VERSION } from '../api/image-group.js';
import type { Condition } from '../api/meta.js';
import type { KubeObject } from '../kube/objects.js';
import type { Resources } from '../kube/resources.js';

/** An image automation object as the tests read it back. */
export type ImageObject = KubeObject & {
  status?: {
    conditions?: Condition[];
    observedGeneration?: number;
    lastHandledReconcileAt?: string;
    canonicalImageName?: string;
    observedExclusionList?: string[];
    lastScanResult?: { revision: string; tagCount: number; scanTime: string; latestTags?: string[] };
    latestRef?: { name: string; tag: string; digest?: string };
    observedPreviousRef?: { name: string; tag: string; digest?: string };
    latestImage?: string;
    observedPreviousImage?: string;
    lastPushCommit?: string;
    lastPushTime?: string;
    lastAutomationRunTime?: string;
    observedSourceRevision?: string;
    observedPolicies?: Record<string, { name: string; tag: string; digest?: string }>;
  };
};

/** The reference of an image kind's object in `namespace` (default `default`). */
export const imageObjectRef = (
  kind: 'ImageRepository' | 'ImagePolicy' | 'ImageUpdateAutomation',
  name: string,
  namespace = 'default',
): { apiVersion: string; kind: string; namespace: string; name: string } => ({
  apiVersion: IMAGE_API_VERSION,
  kind,
  namespace,
  name,
});

/** Creates or updates an image kind's object (at `apiVersion`, v1 by default). */
export async function applyImageObject(
  resources: Resources,
  kind: 'ImageRepository' | 'ImagePolicy' | 'ImageUpdateAutomation',
  name: string,
  spec: Record<string, unknown>,
  options: { namespace?: string; apiVersion?: string; labels?: Record<string, string> } = {},
): Promise<void> {
  await resources.apply(
    {
      apiVersion: options.apiVersion ?? IMAGE_API_VERSION,
      kind,
      metadata: {
        name,
        namespace: options.namespace ?? 'default',
        ...(options.labels ? { labels: options.labels } : {}),
      },
      spec,
    },
    { fieldManager: 'test' },
  );
}

/** Pushes one minimal image per tag (each its own digest) to the sandbox registry. */
export async function pushTags(
  host: string,
  repository: string,
  tags: readonly string[],
  auth?: RegistryCredentials,
): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const tag of tags) digests[tag] = (await pushImageManifest({ host, repository, tag, auth })).digest;
  return digests;
}

/** Asks for a reconcile now, as `flux reconcile image …` does. */
export async function requestImageReconcile(
  resources: Resources,
  kind: 'ImageRepository' | 'ImagePolicy' | 'ImageUpdateAutomation',
  name: string,
  token: string,
  namespace = 'default',
): Promise<void> {
  await resources.mergePatch(imageObjectRef(kind, name, namespace), {
    metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } },
  });
}

/** A `kubernetes.io/dockerconfigjson` Secret for one registry. */
export async function dockerConfigSecret(
  resources: Resources,
  name: string,
  host: string,
  login: RegistryCredentials,
  namespace = 'default',
): Promise<void> {
  const config = {
    auths: { [host]: { auth: Buffer.from(`${login.username}:${login.password}`).toString('base64') } },
  };
  await resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64') },
    },
    { fieldManager: 'test' },
  );
}

/** The core/v1 Events about one object, oldest first. */
export async function imageEvents(
  resources: Resources,
  kind: string,
  name: string,
  namespace = 'default',
): Promise<{ type: string; reason: string; message: string; source?: string }[]> {
  type Ev = KubeObject & {
    type: string;
    reason: string;
    message: string;
    firstTimestamp?: string;
    involvedObject?: { kind?: string; name?: string };
    source?: { component?: string };
  };
  const list = await resources.list<Ev>('v1', 'Event', { namespace });
  return list.items
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? ''))
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message, source: e.source?.component }));
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FLUX_MEDIA_TYPES, pushOciArtifact, type RegistryCredentials } from '@tideline/sandbox';
import { SOURCE_API_VERSION } from '../api/source-v1.js';
import type { Artifact } from '../api/meta.js';
import type { KubeObject } from '../kube/objects.js';
import type { Resources } from '../kube/resources.js';
import { readTarGz } from '../sources/tar-reader.js';
import { packTarGz } from '../sources/tar-writer.js';

/** An OCIRepository as tests read it back. */
export type OciRepo = KubeObject & {
  status?: {
    artifact?: Artifact;
    url?: string;
    observedGeneration?: number;
    observedLayerSelector?: { mediaType?: string; operation?: string };
    lastHandledReconcileAt?: string;
    conditions?: { type: string; status: string; reason: string; message: string }[];
  };
};

/** A core/v1 Event as tests read it. */
export type KubeEvent = KubeObject & {
  reason: string;
  message: string;
  type: string;
  involvedObject?: { kind?: string; name?: string };
  count?: number;
};

/** The object reference of OCIRepository `name` in `default`. */
export const ociRef = (
  name: string,
): { apiVersion: string; kind: string; namespace: string; name: string } => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'OCIRepository',
  namespace: 'default',
  name,
});

/** A tar.gz of `files` (path → content), as `flux push artifact` packs a directory. */
export function tarGzOf(files: Record<string, string>): Buffer {
  return packTarGz(
    Object.entries(files).map(([path, content]) => ({
      path,
      type: 'file' as const,
      data: Buffer.from(content),
    })),
  );
}

/**
 * Pushes `files` to `host/repository:tag` as a Flux artifact (Flux config media type, one
 * `application/vnd.cncf.flux.content.v1.tar+gzip` layer, source/revision annotations).
 */
export async function pushFluxArtifact(
  host: string,
  repository: string,
  tag: string,
  files: Record<string, string>,
  options: { auth?: RegistryCredentials; origin?: { source: string; revision: string } } = {},
): Promise<{ digest: string }> {
  const origin = options.origin ?? {
    source: 'https://github.com/example/app',
    revision: `main@sha1:${'a'.repeat(40)}`,
  };
  return pushOciArtifact({
    host,
    repository,
    tag,
    auth: options.auth,
    layers: [{ mediaType: FLUX_MEDIA_TYPES.content, data: tarGzOf(files) }],
    annotations: {
      'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
      'org.opencontainers.image.source': origin.source,
      'org.opencontainers.image.revision': origin.revision,
    },
  });
}

/** Creates (or updates) OCIRepository `name` in `default`. */
export async function applyOciRepository(
  resources: Resources,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  await resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'OCIRepository',
      metadata: { name, namespace: 'default' },
      spec: { interval: '10m', ...spec },
    },
    { fieldManager: 'test' },
  );
}

/** Asks for a reconcile now, as `flux reconcile source oci` does. */
export async function requestReconcile(resources: Resources, name: string, token: string): Promise<void> {
  await resources.mergePatch(
    ociRef(name),
    { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } },
    'test',
  );
}

/** Events recorded for OCIRepository `name`. */
export async function eventsOf(resources: Resources, name: string): Promise<KubeEvent[]> {
  const events = await resources.list<KubeEvent>('v1', 'Event', { namespace: 'default' });
  return events.items.filter(
    (e) => e.involvedObject?.kind === 'OCIRepository' && e.involvedObject.name === name,
  );
}

/** Downloads an artifact from the engine's artifact server and lists its files (path → content). */
export async function artifactFiles(artifact: Artifact): Promise<Record<string, string>> {
  const response = await fetch(artifact.url);
  if (!response.ok) throw new Error(`artifact ${artifact.url}: HTTP ${response.status}`);
  const entries = readTarGz(Buffer.from(await response.arrayBuffer()));
  return Object.fromEntries(
    entries.filter((e) => e.type === 'file').map((e) => [e.path, e.data.toString('utf8')]),
  );
}

/**
 * Packages a chart directory and pushes it with the real `helm push` over plain HTTP to
 * `oci://host/<repository>` (the tag is the chart version). Helm's config, cache and registry
 * login files go to a throwaway directory.
 */
export async function helmPushChart(
  helmBin: string,
  chartDir: string,
  host: string,
  repository: string,
  workDir: string,
): Promise<void> {
  const run = promisify(execFile);
  const env = {
    ...process.env,
    HELM_CONFIG_HOME: `${workDir}/config`,
    HELM_CACHE_HOME: `${workDir}/cache`,
    HELM_DATA_HOME: `${workDir}/data`,
    HELM_REGISTRY_CONFIG: `${workDir}/registry.json`,
  };
  const { stdout } = await run(helmBin, ['package', chartDir, '--destination', workDir], {
    env,
    timeout: 60_000,
  });
  const packaged = /saved it to: (.+\.tgz)/.exec(stdout)?.[1];
  if (!packaged) throw new Error(`helm package printed no archive path: ${stdout}`);
  await run(helmBin, ['push', packaged.trim(), `oci://${host}/${repository}`, '--plain-http'], {
    env,
    timeout: 60_000,
  });
}

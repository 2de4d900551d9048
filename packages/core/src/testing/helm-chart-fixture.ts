import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SOURCE_API_VERSION } from '../api/source-v1.js';
import type { KubeObject } from '../kube/objects.js';
import type { ClusterFixture } from './cluster-fixture.js';

const run = promisify(execFile);
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The pinned helm binary (HELM_BIN overrides). */
export function pinnedHelm(): string {
  return process.env.HELM_BIN ?? join(REPO_ROOT, '.tools', 'bin', 'helm');
}

/** The project's chart fixtures (`podinfo-6.2.1`, `podinfo-6.2.2`), shipped by the sandbox package. */
export const CHART_FIXTURES = join(REPO_ROOT, 'packages', 'sandbox', 'fixtures', 'charts');

/** A HelmChart as the tests read it. */
export type HelmChartObject = KubeObject & {
  status?: {
    artifact?: { revision: string; url: string; digest: string; path: string; size?: number };
    url?: string;
    observedGeneration?: number;
    observedChartName?: string;
    observedSourceArtifactRevision?: string;
    observedValuesFiles?: string[];
    lastHandledReconcileAt?: string;
    conditions?: { type: string; status: string; reason: string; message: string }[];
  };
};

/** A reference to a source-controller object in `default`. */
export const sourceRef = (
  kind: string,
  name: string,
): { apiVersion: string; kind: string; namespace: string; name: string } => ({
  apiVersion: SOURCE_API_VERSION,
  kind,
  namespace: 'default',
  name,
});

/** Applies a source-controller object (`HelmRepository`, `GitRepository`, `HelmChart`) in `default`. */
export async function applySource(
  fx: ClusterFixture,
  kind: string,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  await fx.resources.apply(
    { apiVersion: SOURCE_API_VERSION, kind, metadata: { name, namespace: 'default' }, spec },
    { fieldManager: 'test' },
  );
}

/** A condition of an object by type. */
export function condition(
  obj: HelmChartObject,
  type: string,
): { status: string; reason: string; message: string } | undefined {
  return obj.status?.conditions?.find((c) => c.type === type);
}

/** The core/v1 Events recorded about an object, oldest first. */
export async function eventsFor(
  fx: ClusterFixture,
  kind: string,
  name: string,
): Promise<{ type: string; reason: string; message: string; annotations: Record<string, string> }[]> {
  type Ev = KubeObject & {
    type: string;
    reason: string;
    message: string;
    involvedObject?: { kind?: string; name?: string };
  };
  const list = await fx.resources.list<Ev>('v1', 'Event', { namespace: 'default' });
  return list.items
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject.name === name)
    .map((e) => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      annotations: e.metadata.annotations ?? {},
    }));
}

/** Downloads a chart artifact and runs helm on it (`show chart`, `show values`, `template`): the real Helm reads what we stored. */
export async function helmOn(artifactUrl: string, args: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tideline-hc-'));
  try {
    const file = join(dir, 'chart.tgz');
    await writeFile(file, Buffer.from(await (await fetch(artifactUrl)).arrayBuffer()));
    const env = { PATH: process.env.PATH, HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir };
    const { stdout } = await run(pinnedHelm(), [...args, file], {
      timeout: 30_000,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `helm show chart|values` of a chart artifact. */
export function helmShow(artifactUrl: string, what: 'chart' | 'values'): Promise<string> {
  return helmOn(artifactUrl, ['show', what]);
}

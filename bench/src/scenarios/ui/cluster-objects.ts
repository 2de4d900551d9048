import { fluxCrds, type KubeObject, type Resources } from '@tideline/core';
import { pool } from '../engine-process.js';

/** Namespaces the generated objects spread over (a fleet of teams). */
const NAMESPACES = 20;
/** One in this many objects is failing, one in `PROGRESSING` progressing: a realistic mix. */
const FAILING = 10;
const PROGRESSING = 25;

const namespaceOf = (i: number): string => `team-${i % NAMESPACES}`;

/** Installs the Flux CRDs and the namespaces the generated objects live in. */
export async function prepareCluster(resources: Resources): Promise<void> {
  for (const crd of fluxCrds())
    await resources.apply(crd as KubeObject, { fieldManager: 'bench', force: true });
  for (let n = 0; n < NAMESPACES; n++)
    await resources.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` } },
      { fieldManager: 'bench' },
    );
  // The CRDs take a moment to serve; the first create retries until they do.
  for (let attempt = 0; ; attempt++) {
    try {
      await resources.list('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', { namespace: 'team-0' });
      await resources.list('source.toolkit.fluxcd.io/v1', 'GitRepository', { namespace: 'team-0' });
      return;
    } catch (error) {
      if (attempt > 60) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Object `i`: every fifth a GitRepository, the others Kustomizations from it. */
function objectOf(i: number): {
  ref: { apiVersion: string; kind: string; namespace: string; name: string };
  body: KubeObject;
} {
  const namespace = namespaceOf(i);
  const repo = i % 5 === 0;
  const apiVersion = repo ? 'source.toolkit.fluxcd.io/v1' : 'kustomize.toolkit.fluxcd.io/v1';
  const kind = repo ? 'GitRepository' : 'Kustomization';
  const name = `${repo ? 'repo' : 'app'}-${i}`;
  const spec = repo
    ? { url: `https://git.example.com/team/app-${i}.git`, interval: '10m', ref: { branch: 'main' } }
    : {
        interval: '10m',
        path: `./apps/${i}`,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: `repo-${i - (i % 5)}` },
      };
  return {
    ref: { apiVersion, kind, namespace, name },
    body: { apiVersion, kind, metadata: { name, namespace }, spec } as KubeObject,
  };
}

/** The status a controller would have written for object `i`, with `message` as Ready's message. */
function statusOf(i: number, revision: string, message?: string): Record<string, unknown> {
  const at = new Date(Date.UTC(2026, 0, 1, 0, i % 60, i % 60)).toISOString().replace(/\.\d+Z$/, 'Z');
  const failing = i % FAILING === 3;
  const progressing = i % PROGRESSING === 7;
  const ready = failing
    ? {
        status: 'False',
        reason: 'BuildFailed',
        message: message ?? `kustomization path not found: ./apps/${i}`,
      }
    : {
        status: progressing ? 'Unknown' : 'True',
        reason: progressing ? 'Progressing' : 'ReconciliationSucceeded',
        message: message ?? `Applied revision: ${revision}`,
      };
  const conditions = [{ type: 'Ready', lastTransitionTime: at, observedGeneration: 1, ...ready }];
  if (progressing)
    conditions.push({
      type: 'Reconciling',
      status: 'True',
      reason: 'Progressing',
      message: 'reconciliation in progress',
      lastTransitionTime: at,
      observedGeneration: 1,
    });
  return i % 5 === 0
    ? {
        observedGeneration: 1,
        conditions,
        artifact: {
          revision,
          digest: `sha256:${'0'.repeat(64)}`,
          path: 'x',
          url: 'http://x',
          lastUpdateTime: at,
        },
      }
    : { observedGeneration: 1, conditions, lastAppliedRevision: revision, lastAttemptedRevision: revision };
}

/** Creates objects `from`..`to` (exclusive) with their status, `concurrency` requests at a time. */
export async function createObjects(
  resources: Resources,
  from: number,
  to: number,
  concurrency = 32,
): Promise<void> {
  const revision = `main@sha1:${'a1b2c3d4e5'.repeat(4)}`;
  await pool(
    Array.from({ length: to - from }, (_, k) => from + k),
    concurrency,
    async (i) => {
      const { ref, body } = objectOf(i);
      await resources.create(body).catch((error: unknown) => {
        if (!String(error).includes('AlreadyExists') && !String(error).includes('409')) throw error;
      });
      await resources.patchStatus(ref, statusOf(i, revision), 'bench');
    },
  );
}

/** Rewrites object `i`'s Ready message (what the SSE scenario watches for). */
export async function markObject(resources: Resources, i: number, message: string): Promise<void> {
  const { ref } = objectOf(i);
  await resources.patchStatus(ref, statusOf(i, `main@sha1:${'a1b2c3d4e5'.repeat(4)}`, message), 'bench');
}

/** Records `count` core/v1 Events about the generated objects, `perObject` each, as controllers would. */
export async function createEvents(
  resources: Resources,
  objects: number,
  count: number,
  concurrency = 48,
): Promise<void> {
  await pool(
    Array.from({ length: count }, (_, k) => k),
    concurrency,
    async (k) => {
      const i = k % objects;
      const { ref } = objectOf(i);
      const at = new Date(Date.UTC(2026, 0, 1, 1, 0, 0) + k * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      await resources.create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${ref.name}.${k.toString(16)}`, namespace: ref.namespace },
        involvedObject: {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          name: ref.name,
          namespace: ref.namespace,
        },
        type: k % 7 === 0 ? 'Warning' : 'Normal',
        reason: k % 7 === 0 ? 'BuildFailed' : 'ReconciliationSucceeded',
        message: `Reconciliation finished in ${k % 900}ms, next run in 10m0s`,
        source: { component: ref.kind === 'GitRepository' ? 'source-controller' : 'kustomize-controller' },
        firstTimestamp: at,
        lastTimestamp: at,
        count: 1,
      } as KubeObject);
    },
  );
}

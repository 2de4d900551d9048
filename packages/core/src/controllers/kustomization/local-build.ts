import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { buildManifests } from './build-step.js';
import type { Ks, RevisionContext } from './step-context.js';

/** Options of {@link buildLocalKustomization}. */
export interface LocalBuildOptions {
  /** Reads `postBuild.substituteFrom` ConfigMaps and Secrets. */
  resources: Resources;
  /** The pinned kubectl (its `kustomize`). */
  kubectlBin: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Builds a local directory as the Kustomization's reconcile would build its artifact (what
 * `flux build|diff kustomization --path` do): a copy of the directory, so the generated
 * `kustomization.yaml` never lands in the user's tree, confined, kustomize-built, substituted
 * with the cluster's variables, then given the ownership labels and `commonMetadata`. SOPS
 * decryption is left out, as flux's local build leaves encrypted values alone; remote bases are refused.
 */
export async function buildLocalKustomization(
  ks: KubeObject & Pick<Ks, 'spec'>,
  dir: string,
  options: LocalBuildOptions,
): Promise<KubeObject[]> {
  const root = mkdtempSync(join(tmpdir(), 'tideline-local-build-'));
  try {
    cpSync(dir, root, { recursive: true, dereference: false, verbatimSymlinks: true });
    const { decryption: _decryption, ...spec } = ks.spec;
    // The build reads only the object, the client, kubectl, the time budget and the signal; the
    // status patcher and event recorder of a reconcile have no part in it.
    const ctx = {
      obj: { ...ks, spec },
      deps: { resources: options.resources, kubectlBin: options.kubectlBin, workDir: root },
      signal: options.signal ?? new AbortController().signal,
      revision: 'local',
      timeoutMs: options.timeoutMs,
    } as unknown as RevisionContext;
    return (await buildManifests(ctx, root, root)).objects;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

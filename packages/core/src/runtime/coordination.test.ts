import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crdManifest } from '../api/crd.js';
import { GitRepositoryKind, SOURCE_API_VERSION } from '../api/source-v1.js';
import { KustomizationKind } from '../api/kustomize-v1.js';
import { createEngine, type Engine } from '../engine.js';
import { KubeClient } from '../kube/client.js';
import type { KubeObject } from '../kube/objects.js';
import { Resources } from '../kube/resources.js';
import { pinnedKubectl, ready, waitForObject } from '../testing/cluster-fixture.js';
import { GitWorkTree } from '../testing/git-fixture.js';
import { waitUntil } from './wait-until.js';

// Flux coexistence against the sandbox: Flux-shaped CRDs and a running "Flux" (its Deployment,
// then its Lease) made by the test, and one engine that must stand by while they are there.

let sandbox: Sandbox;
let resources: Resources;
let engine: Engine;
let dir: string;

type Crd = KubeObject & { spec: { versions: { name: string; served: boolean; storage: boolean }[] } };
type Deployment = KubeObject & { status?: { readyReplicas?: number } };

const CRD = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };
const open = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
const deploymentRef = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'flux-system',
  name: 'kustomize-controller',
};
const gitRef = {
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name: 'coexist',
};

/** A GitRepository CRD as Flux installs it: its own label, and a version Tideline does not serve. */
const fluxGitCrd = {
  ...CRD,
  metadata: {
    name: 'gitrepositories.source.toolkit.fluxcd.io',
    labels: { 'app.kubernetes.io/part-of': 'flux', 'app.kubernetes.io/version': 'v2.9.0' },
  },
  spec: {
    group: 'source.toolkit.fluxcd.io',
    names: {
      kind: 'GitRepository',
      listKind: 'GitRepositoryList',
      plural: 'gitrepositories',
      singular: 'gitrepository',
    },
    scope: 'Namespaced',
    versions: ['v1', 'v1beta2', 'v1beta1'].map((name, i) => ({
      name,
      served: true,
      storage: i === 0,
      schema: open,
      subresources: { status: {} },
    })),
  },
};

const phaseOf = (): string => engine.state().phase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-coexist-'));
  sandbox = await startSandbox({ dir, podStartDelayMs: 100 });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  await resources.create(fluxGitCrd as unknown as KubeObject);
  // Tideline's own Kustomization CRD from an older install that also served v1alpha1.
  const older = crdManifest(KustomizationKind) as unknown as Crd;
  older.spec.versions.push({ ...older.spec.versions[0]!, name: 'v1alpha1', storage: false });
  await resources.apply(older, { fieldManager: 'tideline' });
  await resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flux-system' } },
    { fieldManager: 'test' },
  );
  await resources.apply(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: deploymentRef.name, namespace: deploymentRef.namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'kustomize-controller' } },
        template: {
          metadata: { labels: { app: 'kustomize-controller' } },
          spec: { containers: [{ name: 'manager', image: 'ghcr.io/fluxcd/kustomize-controller:v1.9.1' }] },
        },
      },
    } as KubeObject,
    { fieldManager: 'test' },
  );
  await waitForObject<Deployment>(resources, deploymentRef, (d) => (d.status?.readyReplicas ?? 0) > 0);
  engine = await createEngine({
    kubeconfigPath: sandbox.kubeconfigPath,
    storageDir: join(dir, 'engine'),
    kubectlBin: pinnedKubectl(),
    coordination: { fluxCheckIntervalMs: 300 },
  });
});

afterAll(async () => {
  await engine?.stop();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Flux coexistence', () => {
  it("leaves Flux's CRD exactly as it was and never narrows its own", async () => {
    const git = await resources.get<Crd>({ ...CRD, name: 'gitrepositories.source.toolkit.fluxcd.io' });
    expect(git?.metadata.labels?.['app.kubernetes.io/part-of']).toBe('flux');
    expect(git?.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([
      ['v1', true, true],
      ['v1beta2', true, false],
      ['v1beta1', true, false],
    ]);
    const ks = await resources.get<Crd>({ ...CRD, name: 'kustomizations.kustomize.toolkit.fluxcd.io' });
    expect(ks?.spec.versions.map((v) => v.name)).toEqual(['v1', 'v1beta2', 'v1alpha1']);
    expect(ks?.spec.versions.every((v) => v.served)).toBe(true);
    expect(GitRepositoryKind.versions.map((v) => v.name)).toEqual(['v1', 'v1beta2']);
  });

  it("stands by while Flux's kustomize-controller Deployment is ready, saying so", async () => {
    expect(phaseOf()).toBe('standby');
    expect(engine.state().fluxControllers).toEqual(['kustomize-controller']);
    expect(engine.state().message).toContain('--observe');
    const repo = new GitWorkTree(await sandbox.createGitRepository('coexist'));
    await repo.commit({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coexist\n' });
    repo.remove();
    await resources.apply(
      {
        apiVersion: SOURCE_API_VERSION,
        kind: 'GitRepository',
        metadata: { name: gitRef.name, namespace: gitRef.namespace },
        spec: { url: repo.remoteUrl, interval: '1m', ref: { branch: 'main' } },
      } as KubeObject,
      { fieldManager: 'test' },
    );
    await new Promise((r) => setTimeout(r, 3_000));
    const untouched = await resources.get(gitRef);
    expect(untouched && ready(untouched)).toBeUndefined();
    expect(untouched?.metadata.finalizers ?? []).toEqual([]);
  });

  it('takes over once the Flux controller is scaled to zero', async () => {
    await resources.mergePatch(deploymentRef, { spec: { replicas: 0 } });
    await waitUntil(async () => phaseOf() === 'active', {
      timeoutMs: 30_000,
      what: 'the engine to take over',
    });
    const git = await waitForObject(resources, gitRef, (o) => ready(o)?.status === 'True', 30_000);
    expect(ready(git)?.reason).toBe('Succeeded');
  });

  it("stands by again while a Flux controller's leader Lease is held, and resumes when it is released", async () => {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'helm-controller-leader-election', namespace: 'flux-system' },
      spec: {
        holderIdentity: 'helm-controller-5d4c8b7f6-x2x9z_1b2c',
        leaseDurationSeconds: 35,
        renewTime: new Date().toISOString().replace('Z', '000Z'),
      },
    } as KubeObject;
    await resources.create(lease);
    await waitUntil(async () => phaseOf() === 'standby', {
      timeoutMs: 15_000,
      what: 'the engine to stand by',
    });
    expect(engine.state().fluxControllers).toEqual(['helm-controller']);
    await resources.delete({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: 'flux-system',
      name: 'helm-controller-leader-election',
    });
    await waitUntil(async () => phaseOf() === 'active', { timeoutMs: 15_000, what: 'the engine to resume' });
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fluxCrds } from '../api/index.js';
import { KUSTOMIZE_API_VERSION } from '../api/kustomize-v1.js';
import { createEngine, type Engine } from '../engine.js';
import { KubeClient } from '../kube/client.js';
import { installCrds } from '../kube/crds-install.js';
import type { KubeObject } from '../kube/objects.js';
import { Resources } from '../kube/resources.js';
import { pinnedKubectl, ready, waitForObject } from '../testing/cluster-fixture.js';
import { GitWorkTree } from '../testing/git-fixture.js';
import { startSandbox, type Sandbox } from '../testing/sandbox.js';
import { waitUntil } from './wait-until.js';

// The README's path from Flux to Tideline, on a repository laid out as `flux bootstrap` lays it
// out: Flux's controllers run (their Deployments are in gotk-components.yaml), Tideline stands
// by; the user commits the patch that scales Flux's controllers to zero, Flux applies it, and
// Tideline takes over and keeps reconciling the same repository — with Flux left at zero.

const run = promisify(execFile);
const PATH = 'clusters/my-cluster';

const controller = (name: string): string => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: flux-system
  labels:
    app.kubernetes.io/part-of: flux
    app.kubernetes.io/component: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: manager
          image: ghcr.io/fluxcd/${name}:v1.9.1
`;

/** Flux's components, trimmed to what coexistence looks at (the CRDs are Tideline's here). */
const GOTK_COMPONENTS = `apiVersion: v1
kind: Namespace
metadata:
  name: flux-system
  labels:
    app.kubernetes.io/part-of: flux
${controller('source-controller')}${controller('kustomize-controller')}`;

const gotkSync = (url: string): string => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  url: ${url}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./${PATH}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

const FLUX_KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - gotk-components.yaml
  - gotk-sync.yaml
`;

/** What the README tells a Flux user to add to flux-system/kustomization.yaml. */
const SCALE_FLUX_TO_ZERO = `patches:
  - target:
      kind: Deployment
      labelSelector: app.kubernetes.io/part-of=flux
    patch: |
      - op: replace
        path: /spec/replicas
        value: 0
`;

let sandbox: Sandbox;
let resources: Resources;
let engine: Engine;
let repo: GitWorkTree;
let dir: string;

type Deployment = KubeObject & { spec: { replicas: number }; status?: { readyReplicas?: number } };
const deployment = (name: string): { apiVersion: string; kind: string; namespace: string; name: string } => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'flux-system',
  name,
});

/** What Flux's kustomize-controller does with the repository: build and apply it. */
async function fluxApplies(): Promise<void> {
  await repo.git('pull', '-q', 'origin', 'main');
  await run(pinnedKubectl(), [
    '--kubeconfig',
    sandbox.kubeconfigPath,
    'apply',
    '--server-side',
    '--field-manager',
    'kustomize-controller',
    '-k',
    join(repo.dir, PATH, 'flux-system'),
  ]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-bootstrap-'));
  sandbox = await startSandbox({ dir, podStartDelayMs: 100 });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  await installCrds(resources, fluxCrds(), 'tideline');
  repo = new GitWorkTree(await sandbox.createGitRepository('fleet'));
  await repo.commit({
    [`${PATH}/flux-system/gotk-components.yaml`]: GOTK_COMPONENTS,
    [`${PATH}/flux-system/gotk-sync.yaml`]: gotkSync(repo.remoteUrl),
    [`${PATH}/flux-system/kustomization.yaml`]: FLUX_KUSTOMIZATION,
    [`${PATH}/app.yaml`]:
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fleet-app\n  namespace: default\n',
  });
  await fluxApplies(); // `flux bootstrap` applies the same files
  for (const name of ['source-controller', 'kustomize-controller']) {
    await waitForObject<Deployment>(resources, deployment(name), (d) => (d.status?.readyReplicas ?? 0) > 0);
  }
  engine = await createEngine({
    kubeconfigPath: sandbox.kubeconfigPath,
    storageDir: join(dir, 'engine'),
    kubectlBin: pinnedKubectl(),
    kustomization: { healthCheckIntervalMs: 500, stageWaitIntervalMs: 500 },
    coordination: { fluxCheckIntervalMs: 500 },
  });
});

afterAll(async () => {
  await engine?.stop();
  repo?.remove();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('switching a flux bootstrap repository to Tideline', () => {
  it("stands by while Flux's controllers are ready", () => {
    expect(engine.state().phase).toBe('standby');
    expect(engine.state().fluxControllers).toEqual(['kustomize-controller', 'source-controller']);
  });

  it('takes over once Flux applies the commit that scales it to zero, and keeps Flux at zero', async () => {
    await repo.commit({
      [`${PATH}/flux-system/kustomization.yaml`]: FLUX_KUSTOMIZATION + SCALE_FLUX_TO_ZERO,
    });
    await fluxApplies();
    await waitUntil(async () => engine.state().phase === 'active', {
      timeoutMs: 60_000,
      what: 'Tideline to take over',
    });
    const ks = await waitForObject(
      resources,
      {
        apiVersion: KUSTOMIZE_API_VERSION,
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'flux-system',
      },
      (o) => ready(o)?.status === 'True',
      60_000,
    );
    expect(ready(ks)?.message).toMatch(/^Applied revision: main@sha1:/);
    expect(
      await resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'fleet-app' }),
    ).toBeDefined();
    for (const name of ['source-controller', 'kustomize-controller']) {
      expect((await resources.get<Deployment>(deployment(name)))?.spec.replicas).toBe(0);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    expect(engine.state().phase).toBe('active');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

type Ks = KubeObject & { status?: { inventory?: { entries: { id: string }[] } } };
type Deploy = KubeObject & {
  spec: {
    replicas: number;
    minReadySeconds?: number;
    template: { spec: { containers: { image: string }[] } };
  };
};

// The guide's layout (seed/fluxcd-gitops-guide.md: apps/base/my-app + apps/production overlay).
const files: Record<string, string> = {
  'apps/base/my-app/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
  labels:
    app: my-app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
        - name: my-app
          image: ghcr.io/myorg/my-app:v1.0.0
          ports:
            - containerPort: 8080
`,
  'apps/base/my-app/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: my-app
spec:
  selector:
    app: my-app
  ports:
    - port: 80
      targetPort: 8080
`,
  'apps/base/my-app/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
`,
  'apps/production/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: production\n',
  'apps/production/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - namespace.yaml
  - ../base/my-app
namespace: production
patches:
  - target:
      kind: Deployment
      name: my-app
    patch: |
      - op: replace
        path: /spec/replicas
        value: 3
`,
  'apps/components/debug/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
configMapGenerator:
  - name: debug-settings
    literals:
      - LOG_LEVEL=debug
`,
  'apps/staging/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/my-app\n',
};

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-overlay'));
  await repo.commit(files);
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'staging' } },
    { fieldManager: 'test' },
  );
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization spec fields layered into kustomization.yaml', () => {
  it('builds the guide overlay with its JSON6902 patch plus spec patches, images and commonMetadata', async () => {
    await applyKs('apps', {
      path: './apps/production',
      patches: [
        {
          patch:
            'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: not-used\nspec:\n  minReadySeconds: 5\n',
          target: { kind: 'Deployment', labelSelector: 'app=my-app' },
        },
        {
          patch: '- op: add\n  path: /metadata/annotations\n  value: {patched-by: flux-spec}\n',
          target: { version: 'v1', kind: 'Service', name: 'my-app' },
        },
      ],
      images: [{ name: 'ghcr.io/myorg/my-app', newTag: 'v1.1.0' }],
      commonMetadata: { labels: { team: 'platform' }, annotations: { owner: 'sre' } },
    });
    await waitForObject<Ks>(fx.resources, ksRef('apps'), (o) => ready(o)?.status === 'True');
    const deploy = await fx.resources.get<Deploy>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'production',
      name: 'my-app',
    });
    expect(deploy?.spec.replicas).toBe(3);
    expect(deploy?.spec.minReadySeconds).toBe(5);
    expect(deploy?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/myorg/my-app:v1.1.0');
    expect(deploy?.metadata.labels).toMatchObject({
      app: 'my-app',
      team: 'platform',
      'kustomize.toolkit.fluxcd.io/name': 'apps',
    });
    expect(deploy?.metadata.annotations).toMatchObject({ owner: 'sre' });
    const svc = await fx.resources.get({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'production',
      name: 'my-app',
    });
    expect(svc?.metadata.annotations).toMatchObject({ 'patched-by': 'flux-spec', owner: 'sre' });
    expect(svc?.metadata.labels).toMatchObject({ team: 'platform' });
    const ns = await fx.resources.get({ apiVersion: 'v1', kind: 'Namespace', name: 'production' });
    expect(ns?.metadata.labels).toMatchObject({ team: 'platform' });
  });

  it('applies targetNamespace, namePrefix, nameSuffix and components (skipping a missing one when asked)', async () => {
    await applyKs('staging', {
      path: './apps/staging',
      targetNamespace: 'staging',
      namePrefix: 'stg-',
      nameSuffix: '-v2',
      components: ['../components/debug', '../components/not-there'],
      ignoreMissingComponents: true,
    });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('staging'), (o) => ready(o)?.status === 'True');
    const ids = ks.status?.inventory?.entries.map((e) => e.id) ?? [];
    expect(ids).toContain('staging_stg-my-app-v2_apps_Deployment');
    expect(ids).toContain('staging_stg-my-app-v2__Service');
    expect(ids.some((id) => /^staging_stg-debug-settings-v2-[a-z0-9]+__ConfigMap$/.test(id))).toBe(true);
  });

  it('refuses a missing component unless ignoreMissingComponents is set', async () => {
    await applyKs('strict-components', {
      path: './apps/staging',
      targetNamespace: 'staging',
      namePrefix: 'x-',
      components: ['../components/not-there'],
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('strict-components'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(ks)?.reason).toBe('BuildFailed');
    expect(ready(ks)?.message).toMatch(/^kustomize build failed: .*not-there/);
  });
});

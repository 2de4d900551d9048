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

type Ks = KubeObject & { status?: { lastAppliedRevision?: string } };
type Cm = KubeObject & { data?: Record<string, string> };
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'subst', name });

const settings = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-settings
  namespace: subst
data:
  cluster: \${cluster_name}
  region: \${region}
  password: \${db_password}
  tier: \${tier:=standard}
  upper: \${cluster_name^^}
  literal: $\${cluster_name}
  bare: $cluster_name
`;
const untouched = `apiVersion: v1
kind: ConfigMap
metadata:
  name: untouched
  namespace: subst
  annotations:
    kustomize.toolkit.fluxcd.io/substitute: disabled
data:
  raw: \${not_defined_anywhere}
`;

const postBuild = {
  substitute: { region: 'us-east-1' },
  substituteFrom: [
    { kind: 'ConfigMap', name: 'cluster-vars' },
    { kind: 'Secret', name: 'cluster-secrets' },
    { kind: 'ConfigMap', name: 'not-there', optional: true },
  ],
};

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-subst'));
  await repo.commit({
    'sub/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: subst\n',
    'sub/settings.yaml': settings,
    'sub/untouched.yaml': untouched,
    'strict/settings.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict-settings\n  namespace: default\ndata:\n  value: ${nope}\n',
  });
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cluster-vars', namespace: 'default' },
      data: { cluster_name: 'prod-1', region: 'eu-west-1' },
    },
    { fieldManager: 'test' },
  );
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'cluster-secrets', namespace: 'default' },
      data: { db_password: Buffer.from('s3cr3t\n').toString('base64') },
    },
    { fieldManager: 'test' },
  );
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization post-build substitution', () => {
  it('substitutes from a ConfigMap, a Secret and inline values, with Flux precedence and syntax', async () => {
    await applyKs('subst', { path: './sub', postBuild });
    await waitForObject<Ks>(fx.resources, ksRef('subst'), (o) => ready(o)?.status === 'True');
    const cm = await fx.resources.get<Cm>(cmRef('app-settings'));
    expect(cm?.data).toEqual({
      cluster: 'prod-1',
      region: 'us-east-1',
      password: 's3cr3t',
      tier: 'standard',
      upper: 'PROD-1',
      literal: '${cluster_name}',
      bare: '$cluster_name',
    });
    expect((await fx.resources.get<Cm>(cmRef('untouched')))?.data).toEqual({
      raw: '${not_defined_anywhere}',
    });
  });

  it('fails the build when a required ConfigMap is missing', async () => {
    await applyKs('missing-vars', {
      path: './sub',
      postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'absent' }] },
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('missing-vars'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(ks)?.reason).toBe('BuildFailed');
    expect(ready(ks)?.message).toBe(
      `post build failed for '~G_v1_Namespace/subst': substitute from 'ConfigMap/absent' error: configmaps "absent" not found`,
    );
  });

  it('fails on an undefined variable (strict mode is on by default)', async () => {
    await applyKs('strict', { path: './strict', postBuild: { substitute: { something: 'else' } } });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('strict'), (o) => ready(o)?.status === 'False');
    expect(ready(ks)).toMatchObject({
      reason: 'BuildFailed',
      message: `post build failed for '~G_v1_ConfigMap/strict-settings': envsubst error: variable substitution failed: variable not set (strict mode): "nope"`,
    });
  });

  it('skips substitution when no variable resolves (strategy WithVariables)', async () => {
    await applyKs('no-vars', {
      path: './strict',
      postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'not-there', optional: true }] },
    });
    await waitForObject<Ks>(fx.resources, ksRef('no-vars'), (o) => ready(o)?.status === 'True');
    const cm = await fx.resources.get<Cm>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'default',
      name: 'strict-settings',
    });
    expect(cm?.data).toEqual({ value: '${nope}' });
  });
});

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
const { applySourceRepository, applyKs, newRevision } = kustomizationTestHelpers(() => ({ fx, repo }));

type Ks = KubeObject & {
  status?: {
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    inventory?: { entries: { id: string; v: string }[] };
  };
};

const cm = (name: string, data = 'v1'): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps-test\ndata:\n  key: ${data}\n`;
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps-test', name });

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-test'));
  await repo.commit({
    'apps/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps-test\n',
    'apps/one.yaml': cm('one'),
    'apps/two.yaml': cm('two'),
  });
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization', () => {
  let firstRevision = '';

  it('applies the path with owner labels and records a Flux inventory', async () => {
    await applyKs('apps', { path: './apps' });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('apps'), (o) => ready(o)?.status === 'True');
    firstRevision = ks.status?.lastAppliedRevision ?? '';
    expect(firstRevision).toMatch(/^main@sha1:[0-9a-f]{40}$/);
    expect(ready(ks)).toMatchObject({
      reason: 'ReconciliationSucceeded',
      message: `Applied revision: ${firstRevision}`,
    });
    expect(ks.status?.inventory?.entries).toEqual([
      { id: '_apps-test__Namespace', v: 'v1' },
      { id: 'apps-test_one__ConfigMap', v: 'v1' },
      { id: 'apps-test_two__ConfigMap', v: 'v1' },
    ]);
    const one = await fx.resources.get(cmRef('one'));
    expect(one?.metadata.labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'apps',
      'kustomize.toolkit.fluxcd.io/namespace': 'default',
    });
    const events = await fx.resources.list<KubeObject & { reason: string; message: string }>('v1', 'Event', {
      namespace: 'default',
    });
    const applied = events.items.find(
      (e) => e.reason === 'Progressing' && e.message.includes('ConfigMap/apps-test/one created'),
    );
    expect(applied?.message).toBe(
      'Namespace/apps-test created\nConfigMap/apps-test/one created\nConfigMap/apps-test/two created',
    );
  });

  it('leaves unchanged objects untouched on a re-run', async () => {
    const before = await fx.resources.get(cmRef('one'));
    await fx.resources.mergePatch(ksRef('apps'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'again' } },
    });
    await waitForObject<Ks>(
      fx.resources,
      ksRef('apps'),
      (o) => (o.status as { lastHandledReconcileAt?: string }).lastHandledReconcileAt === 'again',
    );
    const after = await fx.resources.get(cmRef('one'));
    expect(after?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });

  it('prunes an object whose file was removed', async () => {
    const revision = await newRevision({ 'apps/two.yaml': null, 'apps/one.yaml': cm('one', 'v2') });
    await waitForObject<Ks>(fx.resources, ksRef('apps'), (o) => o.status?.lastAppliedRevision === revision);
    expect(await fx.resources.get(cmRef('two'))).toBeUndefined();
    expect((await fx.resources.get<KubeObject & { data: { key: string } }>(cmRef('one')))?.data.key).toBe(
      'v2',
    );
  });

  it('reports broken YAML as BuildFailed, keeps what was applied and prunes nothing', async () => {
    const revision = await newRevision({
      'apps/one.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n',
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('apps'),
      (o) => o.status?.lastAttemptedRevision === revision && ready(o)?.status === 'False',
    );
    expect(ready(ks)?.reason).toBe('BuildFailed');
    expect(ready(ks)?.message).toMatch(/one\.yaml|yaml/i);
    expect(await fx.resources.get(cmRef('one'))).toBeDefined();
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toContain('apps-test_one__ConfigMap');
  });

  it('reports a missing path as ArtifactFailed and keeps what was applied', async () => {
    await applyKs('missing', { path: './does/not/exist' });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('missing'), (o) => ready(o)?.status === 'False');
    expect(ready(ks)).toMatchObject({
      reason: 'ArtifactFailed',
      message: 'kustomization path not found: stat does/not/exist: no such file or directory',
    });
    expect(await fx.resources.get(cmRef('one'))).toBeDefined();
  });

  it('refuses a path that climbs out of the artifact', async () => {
    await applyKs('escape', { path: '../../etc' });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('escape'), (o) => ready(o)?.status === 'False');
    expect(ready(ks)?.reason).toBe('ArtifactFailed');
    expect(ready(ks)?.message).toContain('outside the artifact');
  });

  it('builds several Kustomizations from one artifact without one build leaking into another', async () => {
    await newRevision({
      'shared/kustomization.yaml': 'resources:\n  - cm.yaml\n',
      'shared/cm.yaml': cm('shared-cm'),
    });
    // `prefixed` must rewrite kustomization.yaml (a private copy); `plain` reads the shared tree as it is.
    await applyKs('prefixed', { path: './shared', namePrefix: 'p-' });
    await waitForObject<Ks>(fx.resources, ksRef('prefixed'), (o) => ready(o)?.status === 'True');
    await applyKs('plain', { path: './shared' });
    const plain = await waitForObject<Ks>(fx.resources, ksRef('plain'), (o) => ready(o)?.status === 'True');
    expect(plain.status?.inventory?.entries.map((e) => e.id)).toEqual(['apps-test_shared-cm__ConfigMap']);
    expect(await fx.resources.get(cmRef('p-shared-cm'))).toBeDefined();
  });

  it('does nothing while suspended and applies on resume', async () => {
    await newRevision({ 'apps/one.yaml': cm('one', 'v3') });
    await fx.resources.mergePatch(ksRef('apps'), { spec: { suspend: true } });
    const gitRevision = await newRevision({ 'apps/one.yaml': cm('one', 'v4') });
    await new Promise((r) => setTimeout(r, 2000));
    expect((await fx.resources.get<KubeObject & { data: { key: string } }>(cmRef('one')))?.data.key).not.toBe(
      'v4',
    );
    await fx.resources.mergePatch(ksRef('apps'), { spec: { suspend: false } });
    await waitForObject<Ks>(
      fx.resources,
      ksRef('apps'),
      (o) => o.status?.lastAppliedRevision === gitRevision,
    );
    expect((await fx.resources.get<KubeObject & { data: { key: string } }>(cmRef('one')))?.data.key).toBe(
      'v4',
    );
  });
});

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
  status?: { lastAppliedRevision?: string; inventory?: { entries: { id: string; v: string }[] } };
};

const cm = (name: string, annotations = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: prune-test\n${annotations}data:\n  key: v\n`;
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'prune-test', name });

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('prune-test'));
  await repo.commit({
    'apps/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prune-test\n',
    'apps/keep.yaml': cm('keep'),
    'apps/plain.yaml': cm('plain'),
    'apps/marked.yaml': cm('marked', '  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n'),
    'apps/taken.yaml': cm('taken'),
  });
  await applySourceRepository();
  await applyKs('apps', { path: './apps' });
  const ks = await waitForObject<Ks>(fx.resources, ksRef('apps'), (o) => ready(o)?.status === 'True');
  expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual(
    expect.arrayContaining(['prune-test_plain__ConfigMap', 'prune-test_marked__ConfigMap']),
  );
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization prune deletes only what it owns', () => {
  it('keeps an object marked prune: disabled and one whose owner labels now name another owner', async () => {
    // Another tool (or Kustomization) takes `taken` over: its owner label no longer names us.
    await fx.resources.mergePatch(cmRef('taken'), {
      metadata: { labels: { 'kustomize.toolkit.fluxcd.io/name': 'someone-else' } },
    });
    const revision = await newRevision({
      'apps/plain.yaml': null,
      'apps/marked.yaml': null,
      'apps/taken.yaml': null,
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('apps'),
      (o) => o.status?.lastAppliedRevision === revision,
    );
    expect(await fx.resources.get(cmRef('plain'))).toBeUndefined();
    expect(await fx.resources.get(cmRef('marked'))).toBeDefined();
    expect(await fx.resources.get(cmRef('taken'))).toBeDefined();
    expect(await fx.resources.get(cmRef('keep'))).toBeDefined();
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([
      '_prune-test__Namespace',
      'prune-test_keep__ConfigMap',
    ]);
  });
});

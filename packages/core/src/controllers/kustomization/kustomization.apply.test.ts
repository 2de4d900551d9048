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

interface Snapshot {
  digest: string;
  lastReconciledStatus: string;
  totalReconciliations: number;
  metadata?: Record<string, string>;
}
type Ks = KubeObject & {
  status?: {
    lastHandledReconcileAt?: string;
    lastAppliedRevision?: string;
    inventory?: { entries: { id: string }[] };
    history?: Snapshot[];
  };
};
type Cm = KubeObject & { data?: Record<string, string> };
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apply-test', name });

const cm = (
  name: string,
  value: string,
  annotations: Record<string, string> = {},
  immutable = false,
): string =>
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: apply-test
  annotations: ${JSON.stringify(annotations)}
${immutable ? 'immutable: true\n' : ''}data:
  key: ${value}
`;

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;
const widget =
  'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gizmo\n  namespace: apply-test\nspec:\n  size: 3\n';

async function rerun(name: string, token: string): Promise<Ks> {
  await fx.resources.mergePatch(ksRef(name), {
    metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } },
  });
  return waitForObject<Ks>(fx.resources, ksRef(name), (o) => o.status?.lastHandledReconcileAt === token);
}

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-apply'));
  await repo.commit({
    'crd/crd.yaml': crd,
    'crd/widget.yaml': widget,
    'imm-plain/cm.yaml': cm('plain', 'v1', {}, true),
    'imm-forced/cm.yaml': cm('forced', 'v1', { 'kustomize.toolkit.fluxcd.io/force': 'enabled' }, true),
    'ssa/once.yaml': cm('once', 'v1', { 'kustomize.toolkit.fluxcd.io/ssa': 'IfNotPresent' }),
    'ssa/ignored.yaml': cm('ignored', 'v1', { 'kustomize.toolkit.fluxcd.io/ssa': 'Ignore' }),
    'ssa/merged.yaml': cm('merged', 'v1', { 'kustomize.toolkit.fluxcd.io/ssa': 'Merge' }),
    'ssa/reverted.yaml': cm('reverted', 'v1'),
  });
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apply-test' } },
    { fieldManager: 'test' },
  );
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization apply policies', () => {
  it('applies a CRD and its custom resource in one go (staged apply waits for the CRD)', async () => {
    await applyKs('crds', { path: './crd' });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('crds'), (o) => ready(o)?.status === 'True');
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([
      '_widgets.example.com_apiextensions.k8s.io_CustomResourceDefinition',
      'apply-test_gizmo_example.com_Widget',
    ]);
    expect(
      await fx.resources.get({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        namespace: 'apply-test',
        name: 'gizmo',
      }),
    ).toBeDefined();
  });

  it('records status.history by digest and outcome', async () => {
    const first = await waitForObject<Ks>(
      fx.resources,
      ksRef('crds'),
      (o) => (o.status?.history?.length ?? 0) > 0,
    );
    expect(first.status?.history).toHaveLength(1);
    expect(first.status?.history?.[0]).toMatchObject({
      lastReconciledStatus: 'ReconciliationSucceeded',
      totalReconciliations: 1,
      metadata: { revision: first.status?.lastAppliedRevision },
    });
    expect(first.status?.history?.[0]?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = await rerun('crds', 'history-1');
    expect(again.status?.history).toHaveLength(1);
    expect(again.status?.history?.[0]?.totalReconciliations).toBe(2);
  });

  it('fails on an immutable field without force, then recreates with spec.force', async () => {
    await applyKs('imm-plain', { path: './imm-plain' });
    await applyKs('imm-forced', { path: './imm-forced' });
    await waitForObject<Ks>(fx.resources, ksRef('imm-plain'), (o) => ready(o)?.status === 'True');
    await waitForObject<Ks>(fx.resources, ksRef('imm-forced'), (o) => ready(o)?.status === 'True');
    const forcedBefore = await fx.resources.get<Cm>(cmRef('forced'));

    const revision = await newRevision({
      'imm-plain/cm.yaml': cm('plain', 'v2', {}, true),
      'imm-forced/cm.yaml': cm('forced', 'v2', { 'kustomize.toolkit.fluxcd.io/force': 'enabled' }, true),
    });
    const failed = await waitForObject<Ks>(
      fx.resources,
      ksRef('imm-plain'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(failed)?.reason).toBe('ReconciliationFailed');
    expect(ready(failed)?.message).toMatch(
      /^ConfigMap\/apply-test\/plain dry-run failed \(Invalid\): .*immutable/,
    );
    expect(failed.status?.history?.[0]?.lastReconciledStatus).toBe('ReconciliationFailed');

    // The per-object annotation recreates the object.
    await waitForObject<Ks>(
      fx.resources,
      ksRef('imm-forced'),
      (o) => o.status?.lastAppliedRevision === revision,
    );
    const forcedAfter = await fx.resources.get<Cm>(cmRef('forced'));
    expect(forcedAfter?.data?.key).toBe('v2');
    expect(forcedAfter?.metadata.uid).not.toBe(forcedBefore?.metadata.uid);

    // spec.force does the same for every object.
    await fx.resources.mergePatch(ksRef('imm-plain'), { spec: { force: true } });
    await waitForObject<Ks>(
      fx.resources,
      ksRef('imm-plain'),
      (o) => o.status?.lastAppliedRevision === revision && ready(o)?.status === 'True',
    );
    expect((await fx.resources.get<Cm>(cmRef('plain')))?.data?.key).toBe('v2');
  });

  it('honours ssa: IfNotPresent, Ignore and Merge, and reverts kubectl edits otherwise', async () => {
    await applyKs('ssa', { path: './ssa' });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('ssa'), (o) => ready(o)?.status === 'True');
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toContain('apply-test_ignored__ConfigMap');
    expect(await fx.resources.get(cmRef('ignored'))).toBeUndefined();

    await fx.resources.mergePatch(cmRef('once'), { data: { key: 'changed-by-hand' } }, 'kubectl-edit');
    await fx.resources.mergePatch(cmRef('merged'), { data: { extra: 'kept' } }, 'kubectl-edit');
    await fx.resources.mergePatch(cmRef('reverted'), { data: { extra: 'reverted' } }, 'kubectl-edit');
    const after = await rerun('ssa', 'ssa-1');
    expect(ready(after)?.status).toBe('True');

    expect((await fx.resources.get<Cm>(cmRef('once')))?.data).toEqual({ key: 'changed-by-hand' });
    expect(await fx.resources.get(cmRef('ignored'))).toBeUndefined();
    expect((await fx.resources.get<Cm>(cmRef('merged')))?.data).toEqual({ key: 'v1', extra: 'kept' });
    expect((await fx.resources.get<Cm>(cmRef('reverted')))?.data).toEqual({ key: 'v1' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { restartEngine } from '../../testing/engine-restart.js';
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
type Event = KubeObject & { type: string; reason: string; message: string; involvedObject: { name: string } };

const cm = (namespace: string, name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  key: v\n`;
const cmRef = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

/** A ServiceAccount in `default` allowed everything in `namespace` and nothing elsewhere. */
async function tenantAccount(name: string, namespace: string): Promise<void> {
  const apply = (obj: KubeObject): Promise<KubeObject> => fx.resources.apply(obj, { fieldManager: 'test' });
  await apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'default' } });
  await apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: `${name}-reconciler`, namespace },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  } as KubeObject);
  await apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${name}-reconciler`, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-reconciler` },
    subjects: [{ kind: 'ServiceAccount', name, namespace: 'default' }],
  } as KubeObject);
}

beforeAll(async () => {
  fx = await startClusterFixture();
  // Flux's --default-service-account: Kustomizations without serviceAccountName act as default/tenant.
  await restartEngine(fx, { defaultServiceAccount: 'tenant' });
  for (const name of ['tenant-a', 'tenant-b']) {
    await fx.resources.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { fieldManager: 'test' },
    );
  }
  await tenantAccount('tenant', 'tenant-a');
  await tenantAccount('other', 'tenant-b');
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-impersonation'));
  await repo.commit({
    'a/one.yaml': cm('tenant-a', 'one'),
    'a/two.yaml': cm('tenant-a', 'two'),
    'b/three.yaml': cm('tenant-b', 'three'),
    'orphan/four.yaml': cm('tenant-b', 'four'),
    'revoked/five.yaml': cm('tenant-b', 'five'),
  });
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization impersonation', () => {
  let firstRevision = '';

  it('applies as the default service account where its Role allows, and writes status as the controller', async () => {
    await applyKs('by-default', { path: './a' });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('by-default'), (o) => ready(o)?.status === 'True');
    firstRevision = ks.status?.lastAppliedRevision ?? '';
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([
      'tenant-a_one__ConfigMap',
      'tenant-a_two__ConfigMap',
    ]);
    expect(await fx.resources.get(cmRef('tenant-a', 'two'))).toBeDefined();
  });

  it('lets spec.serviceAccountName override the default, health-checking as that account', async () => {
    await applyKs('explicit', { path: './b', serviceAccountName: 'other', wait: true });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('explicit'), (o) => ready(o)?.status === 'True');
    expect(
      (ks.status as { conditions?: { type: string; status: string }[] }).conditions?.find(
        (c) => c.type === 'Healthy',
      )?.status,
    ).toBe('True');
    expect(await fx.resources.get(cmRef('tenant-b', 'three'))).toBeDefined();
  });

  it('fails on an object the account may not write, naming it and the user, keeping and pruning nothing', async () => {
    const revision = await newRevision({ 'a/two.yaml': null, 'a/intruder.yaml': cm('tenant-b', 'intruder') });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('by-default'),
      (o) => o.status?.lastAttemptedRevision === revision && ready(o)?.status === 'False',
    );
    expect(ready(ks)?.reason).toBe('ReconciliationFailed');
    expect(ready(ks)?.message).toMatch(
      /^ConfigMap\/tenant-b\/intruder dry-run failed \(Forbidden\): configmaps "intruder" is forbidden: User "system:serviceaccount:default:tenant" cannot patch resource "configmaps" in API group "" in the namespace "tenant-b"/,
    );
    expect(ks.status?.lastAppliedRevision).toBe(firstRevision);
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([
      'tenant-a_one__ConfigMap',
      'tenant-a_two__ConfigMap',
    ]);
    expect(await fx.resources.get(cmRef('tenant-a', 'two'))).toBeDefined();
    expect(await fx.resources.get(cmRef('tenant-b', 'intruder'))).toBeUndefined();
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
    const warning = events.items.find((e) => e.involvedObject.name === 'by-default' && e.type === 'Warning');
    expect(warning).toMatchObject({ reason: 'ReconciliationFailed' });
    expect(warning?.message).toContain('system:serviceaccount:default:tenant');
  });

  it('recovers once the object is gone, pruning as the service account', async () => {
    const revision = await newRevision({ 'a/intruder.yaml': null });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('by-default'),
      (o) => o.status?.lastAppliedRevision === revision && ready(o)?.status === 'True',
    );
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual(['tenant-a_one__ConfigMap']);
    expect(await fx.resources.get(cmRef('tenant-a', 'two'))).toBeUndefined();
  });

  it('deletes the inventory as the service account when the Kustomization is deleted', async () => {
    await fx.resources.delete(ksRef('explicit'));
    const deadline = Date.now() + 30_000;
    while ((await fx.resources.get(ksRef('explicit'))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await fx.resources.get(ksRef('explicit'))).toBeUndefined();
    expect(await fx.resources.get(cmRef('tenant-b', 'three'))).toBeUndefined();
  });

  it('keeps the finalizer and retries when the account may no longer delete, then completes', async () => {
    await tenantAccount('revocable', 'tenant-b');
    await applyKs('revoked', { path: './revoked', serviceAccountName: 'revocable' });
    await waitForObject<Ks>(fx.resources, ksRef('revoked'), (o) => ready(o)?.status === 'True');
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      namespace: 'tenant-b',
      name: 'revocable-reconciler',
    };
    await fx.resources.delete(binding);
    await fx.resources.delete(ksRef('revoked'));
    const warned = async (): Promise<boolean> => {
      const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
      return events.items.some(
        (e) =>
          e.involvedObject.name === 'revoked' &&
          e.type === 'Warning' &&
          e.message === 'pruning for deleted resource failed',
      );
    };
    const deadline = Date.now() + 30_000;
    while (!(await warned()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await warned()).toBe(true);
    expect((await fx.resources.get(ksRef('revoked')))?.metadata.finalizers).toContain('finalizers.fluxcd.io');
    expect(await fx.resources.get(cmRef('tenant-b', 'five'))).toBeDefined();
    await tenantAccount('revocable', 'tenant-b');
    while ((await fx.resources.get(ksRef('revoked'))) && Date.now() < deadline + 30_000)
      await new Promise((r) => setTimeout(r, 200));
    expect(await fx.resources.get(ksRef('revoked'))).toBeUndefined();
    expect(await fx.resources.get(cmRef('tenant-b', 'five'))).toBeUndefined();
  });

  it('skips pruning, with a Warning listing the objects, when the account to impersonate is gone', async () => {
    await tenantAccount('doomed', 'tenant-b');
    await applyKs('orphan', { path: './orphan', serviceAccountName: 'doomed' });
    await waitForObject<Ks>(fx.resources, ksRef('orphan'), (o) => ready(o)?.status === 'True');
    await fx.resources.delete({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      namespace: 'default',
      name: 'doomed',
    });
    await fx.resources.delete(ksRef('orphan'));
    const deadline = Date.now() + 30_000;
    while ((await fx.resources.get(ksRef('orphan'))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await fx.resources.get(ksRef('orphan'))).toBeUndefined();
    expect(await fx.resources.get(cmRef('tenant-b', 'four'))).toBeDefined();
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
    expect(
      events.items.find((e) => e.involvedObject.name === 'orphan' && e.type === 'Warning')?.message,
    ).toBe('unable to prune objects: \nConfigMap/tenant-b/four');
  });
});

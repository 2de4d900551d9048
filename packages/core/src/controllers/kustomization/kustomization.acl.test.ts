import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUSTOMIZE_API_VERSION } from '../../api/kustomize-v1.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { restartEngine } from '../../testing/engine-restart.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

type Condition = { type: string; status: string; reason: string; message: string };
type Ks = KubeObject & { status?: { conditions?: Condition[]; lastAppliedRevision?: string } };
type Event = KubeObject & {
  type: string;
  reason: string;
  message: string;
  involvedObject: { name: string; namespace: string };
};

const teamKs = (name: string) => ({
  apiVersion: KUSTOMIZE_API_VERSION,
  kind: 'Kustomization',
  namespace: 'team',
  name,
});
const condition = (obj: Ks, type: string): Condition | undefined =>
  obj.status?.conditions?.find((c) => c.type === type);

/** Kustomization `team/<name>` with `spec` on top of the test defaults. */
async function applyTeamKs(name: string, spec: Record<string, unknown>): Promise<void> {
  await fx.resources.apply(
    {
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      metadata: { name, namespace: 'team' },
      spec: { interval: '10m', prune: true, ...spec },
    },
    { fieldManager: 'test' },
  );
}

beforeAll(async () => {
  fx = await startClusterFixture();
  // Flux's --no-cross-namespace-refs=true.
  await restartEngine(fx, { noCrossNamespaceRefs: true });
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
    { fieldManager: 'test' },
  );
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-acl'));
  await repo.commit({
    'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n  namespace: team\n',
    'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: team\n',
  });
  await applySourceRepository();
  await fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name: 'repo', namespace: 'team' },
      spec: { url: repo.remoteUrl, interval: '10m', ref: { branch: 'main' } },
    },
    { fieldManager: 'test' },
  );
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization cross-namespace references', () => {
  it('stalls a sourceRef into another namespace with AccessDenied when refs are blocked', async () => {
    await applyTeamKs('cross', {
      path: './app',
      sourceRef: { kind: 'GitRepository', name: 'repo', namespace: 'default' },
    });
    const ks = await waitForObject<Ks>(fx.resources, teamKs('cross'), (o) => ready(o)?.status === 'False');
    const message = "can't access 'GitRepository/default/repo', cross-namespace references have been blocked";
    expect(ready(ks)).toMatchObject({ reason: 'AccessDenied', message });
    expect(condition(ks, 'Stalled')).toMatchObject({ status: 'True', reason: 'AccessDenied', message });
    expect(condition(ks, 'Reconciling')).toBeUndefined();
    expect(ks.status?.lastAppliedRevision).toBeUndefined();
    expect(
      await fx.resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team', name: 'app' }),
    ).toBeUndefined();
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'team' });
    expect(events.items.find((e) => e.involvedObject.name === 'cross')).toMatchObject({
      type: 'Warning',
      reason: 'AccessDenied',
      message,
    });
  });

  it('still honours a dependsOn in another namespace, as kustomize-controller does', async () => {
    await applyKs('base', { path: './base' });
    await applyTeamKs('after-base', {
      path: './app',
      sourceRef: { kind: 'GitRepository', name: 'repo' },
      dependsOn: [{ name: 'base', namespace: 'default' }],
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      teamKs('after-base'),
      (o) => ready(o)?.status === 'True',
    );
    expect(ready(ks)?.reason).toBe('ReconciliationSucceeded');
  });

  it('applies the same cross-namespace sourceRef once refs are allowed', async () => {
    await restartEngine(fx);
    const ks = await waitForObject<Ks>(fx.resources, teamKs('cross'), (o) => ready(o)?.status === 'True');
    expect(ready(ks)?.message).toMatch(/^Applied revision: main@sha1:[0-9a-f]{40}$/);
    expect(condition(ks, 'Stalled')).toBeUndefined();
    expect(
      await fx.resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team', name: 'app' }),
    ).toBeDefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import { waitUntil } from '../../runtime/wait-until.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

// spec.deletionPolicy: what happens to the applied objects when a Kustomization is deleted.

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

const cm = (name: string, finalizer = false): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n${finalizer ? '  finalizers: [tideline.test/hold]\n' : ''}data:\n  key: v\n`;
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-deletion'));
  await repo.commit({
    'mirror/cm.yaml': cm('del-mirror'),
    'delete/cm.yaml': cm('del-delete'),
    'orphan/cm.yaml': cm('del-orphan'),
    'wait/cm.yaml': cm('del-wait', true),
  });
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

/** Applies Kustomization `name`, waits for Ready, deletes it. */
async function applyThenDelete(name: string, spec: Record<string, unknown>): Promise<void> {
  await applyKs(name, { path: `./${name}`, ...spec });
  await waitForObject(fx.resources, ksRef(name), (o) => ready(o)?.status === 'True');
  await fx.resources.delete(ksRef(name));
}

const gone = (
  ref: { apiVersion: string; kind: string; namespace: string; name: string },
  what: string,
): Promise<void> =>
  waitUntil(async () => (await fx.resources.get(ref)) === undefined, { timeoutMs: 60_000, what });

describe('Kustomization deletionPolicy', () => {
  it('MirrorPrune (the default) without prune leaves the objects in place', async () => {
    await applyThenDelete('mirror', { prune: false });
    await gone(ksRef('mirror'), 'the Kustomization to go');
    expect(await fx.resources.get(cmRef('del-mirror'))).toBeDefined();
  });

  it('Delete removes the objects even without prune, and says so in an event', async () => {
    await applyThenDelete('delete', { prune: false, deletionPolicy: 'Delete' });
    await gone(ksRef('delete'), 'the Kustomization to go');
    expect(await fx.resources.get(cmRef('del-delete'))).toBeUndefined();
    const events = await fx.resources.list<
      KubeObject & { message: string; involvedObject: { name: string } }
    >('v1', 'Event', { namespace: 'default' });
    expect(
      events.items.some(
        (e) => e.involvedObject.name === 'delete' && e.message === 'ConfigMap/default/del-delete deleted',
      ),
    ).toBe(true);
  });

  it('Orphan keeps the objects even with prune', async () => {
    await applyThenDelete('orphan', { prune: true, deletionPolicy: 'Orphan' });
    await gone(ksRef('orphan'), 'the Kustomization to go');
    expect(await fx.resources.get(cmRef('del-orphan'))).toBeDefined();
  });

  it('WaitForTermination holds the Kustomization until its objects are really gone', async () => {
    await applyThenDelete('wait', { prune: true, deletionPolicy: 'WaitForTermination' });
    // The ConfigMap's own finalizer keeps it Terminating; the Kustomization must wait for it.
    await waitForObject(fx.resources, cmRef('del-wait'), (o) => o.metadata.deletionTimestamp !== undefined);
    await new Promise((r) => setTimeout(r, 3000));
    const held = await fx.resources.get(ksRef('wait'));
    expect(held?.metadata.deletionTimestamp).toBeDefined();
    expect(held?.metadata.finalizers).toContain('finalizers.fluxcd.io');
    await fx.resources.mergePatch(cmRef('del-wait'), { metadata: { finalizers: null } });
    await gone(cmRef('del-wait'), 'the ConfigMap to go');
    await gone(ksRef('wait'), 'the Kustomization to go once its objects are gone');
  });
});

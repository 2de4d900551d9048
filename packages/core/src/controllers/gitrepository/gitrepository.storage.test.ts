import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  startClusterFixture,
  ready,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';

type GitRepo = KubeObject & {
  status?: { artifact?: { revision: string; url: string }; lastHandledReconcileAt?: string };
};
type Event = KubeObject & { reason: string; message: string; involvedObject: { name: string } };

let fx: ClusterFixture;
let repo: GitWorkTree;
let url: string;

const ref = { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'retained' };

/** Asks for a reconcile and waits until it has been handled. */
async function reconcileNow(token: string): Promise<GitRepo> {
  await fx.resources.mergePatch(ref, {
    metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } },
  });
  return waitForObject<GitRepo>(
    fx.resources,
    ref,
    (o) => o.status?.lastHandledReconcileAt === token && ready(o)?.status === 'True',
  );
}

const served = async (artifactUrl: string | undefined): Promise<number> =>
  (await fetch(artifactUrl ?? '')).status;

beforeAll(async () => {
  fx = await startClusterFixture();
  url = await fx.sandbox.createGitRepository('retention');
  repo = new GitWorkTree(url);
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('GitRepository artifact retention (Flux defaults: 2 records, 60 s TTL)', () => {
  it('keeps the newest artifacts and collects older ones at the start of a reconcile', async () => {
    const urls: string[] = [];
    await repo.commit({ 'a.yaml': '1\n' }, 'one');
    await fx.resources.apply(
      {
        apiVersion: SOURCE_API_VERSION,
        kind: 'GitRepository',
        metadata: { name: 'retained', namespace: 'default' },
        spec: { url, interval: '10m', ref: { branch: 'main' } },
      },
      { fieldManager: 'test' },
    );
    urls.push(
      (await waitForObject<GitRepo>(fx.resources, ref, (o) => ready(o)?.status === 'True')).status?.artifact
        ?.url ?? '',
    );
    for (const n of [2, 3]) {
      const sha = await repo.commit({ 'a.yaml': `${n}\n` }, `commit ${n}`);
      const obj = await reconcileNow(`commit-${n}`);
      expect(obj.status?.artifact?.revision).toBe(`main@sha1:${sha}`);
      urls.push(obj.status?.artifact?.url ?? '');
    }
    // GC ran before each build: with two files there was nothing to do, so three are there now.
    expect(await Promise.all(urls.map(served))).toEqual([200, 200, 200]);
    // The next reconcile (no new commit) collects the oldest: two records remain.
    await reconcileNow('collect');
    expect(await Promise.all(urls.map(served))).toEqual([404, 200, 200]);
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
    expect(
      events.items.some(
        (e) =>
          e.involvedObject.name === 'retained' &&
          e.reason === 'GarbageCollectionSucceeded' &&
          e.message === 'garbage collected 1 artifacts',
      ),
    ).toBe(true);
  });
});

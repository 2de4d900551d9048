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

let fx: ClusterFixture;
let repo: GitWorkTree;
let url: string;

beforeAll(async () => {
  fx = await startClusterFixture();
  url = await fx.sandbox.createGitRepository('source-test');
  repo = new GitWorkTree(url);
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

type GitRepo = KubeObject & {
  status?: {
    artifact?: { revision: string; url: string; digest: string; path: string };
    observedGeneration?: number;
  };
};

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});

async function createGitRepository(name: string, spec: Record<string, unknown>): Promise<void> {
  await fx.resources.apply(
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', metadata: { name, namespace: 'default' }, spec },
    { fieldManager: 'test' },
  );
}

describe('GitRepository', () => {
  it('stores an artifact for the branch head with Flux revision, conditions and event', async () => {
    const sha = await repo.commit(
      { 'deploy/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' },
      'first commit',
    );
    await createGitRepository('app', { url, interval: '1m', ref: { branch: 'main' } });
    const obj = await waitForObject<GitRepo>(fx.resources, ref('app'), (o) => ready(o)?.status === 'True');
    const revision = `main@sha1:${sha}`;
    expect(obj.status?.artifact?.revision).toBe(revision);
    expect(ready(obj)).toMatchObject({
      reason: 'Succeeded',
      message: `stored artifact for revision '${revision}'`,
    });
    expect(obj.status?.artifact?.path).toBe(`gitrepository/default/app/${sha}.tar.gz`);
    expect(obj.status?.observedGeneration).toBe(obj.metadata.generation);
    expect(obj.metadata.finalizers).toContain('finalizers.fluxcd.io');
    const res = await fetch(obj.status?.artifact?.url ?? '');
    expect(res.status).toBe(200);
    const events = await fx.resources.list<KubeObject & { reason: string; message: string }>('v1', 'Event', {
      namespace: 'default',
    });
    expect(
      events.items.some(
        (e) => e.reason === 'NewArtifact' && e.message === "stored artifact for commit 'first commit'",
      ),
    ).toBe(true);
  });

  it('picks up a new commit when a reconcile is requested', async () => {
    const sha = await repo.commit(
      { 'deploy/cm2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n' },
      'second',
    );
    await fx.resources.mergePatch(ref('app'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'now-1' } },
    });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref('app'),
      (o) => o.status?.artifact?.revision === `main@sha1:${sha}`,
    );
    expect((obj.status as { lastHandledReconcileAt?: string }).lastHandledReconcileAt).toBe('now-1');
  });

  it('reports an unknown branch as GitOperationFailed', async () => {
    await createGitRepository('nobranch', { url, interval: '1m', ref: { branch: 'does-not-exist' } });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref('nobranch'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({ reason: 'GitOperationFailed' });
    expect(ready(obj)?.message).toContain(
      `failed to checkout and determine revision: unable to clone '${url}'`,
    );
    expect(ready(obj)?.message).toContain('refs/heads/does-not-exist');
  });

  it('reports an unreachable server as GitOperationFailed and keeps running', async () => {
    await createGitRepository('unreachable', {
      url: 'http://127.0.0.1:9/nothing.git',
      interval: '1m',
      timeout: '5s',
    });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref('unreachable'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('GitOperationFailed');
    expect(ready(obj)?.message).toMatch(/failed to checkout and determine revision: .*127\.0\.0\.1/);
  });
});

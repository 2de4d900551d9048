import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import { readTarGz } from '../../sources/tar-reader.js';
import {
  startClusterFixture,
  ready,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';

type GitRepo = KubeObject & {
  spec: { ignore?: string };
  status?: {
    artifact?: { revision: string; url: string; digest: string };
    observedIgnore?: string;
    observedGeneration?: number;
  };
};

let fx: ClusterFixture;
let repo: GitWorkTree;
let url: string;
let sha: string;
const ref = { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'ignored' };

async function paths(obj: GitRepo): Promise<string[]> {
  const res = await fetch(obj.status?.artifact?.url ?? '');
  return readTarGz(Buffer.from(await res.arrayBuffer()))
    .filter((e) => e.type === 'file')
    .map((e) => e.path)
    .sort();
}

/** Waits for the reconcile of the current generation to finish with Ready=True. */
async function settledGeneration(): Promise<GitRepo> {
  return waitForObject<GitRepo>(
    fx.resources,
    ref,
    (o) => o.status?.observedGeneration === o.metadata.generation && ready(o)?.status === 'True',
  );
}

beforeAll(async () => {
  fx = await startClusterFixture();
  url = await fx.sandbox.createGitRepository('ignore-test');
  repo = new GitWorkTree(url);
  sha = await repo.commit(
    {
      'deploy/app.yaml': 'kind: A\n',
      'docs/guide.md': '# guide\n',
      'logo.png': 'png',
      'other.png': 'png',
      '.github/workflows/ci.yaml': 'on: push\n',
    },
    'content',
  );
  await fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name: 'ignored', namespace: 'default' },
      spec: { url, interval: '10m', ref: { branch: 'main' } },
    },
    { fieldManager: 'test' },
  );
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('GitRepository ignore rules', () => {
  it('leaves out Flux default exclusions when there are no user patterns', async () => {
    const obj = await settledGeneration();
    expect(await paths(obj)).toEqual(['deploy/app.yaml', 'docs/guide.md']);
    expect(obj.status?.observedIgnore).toBeUndefined();
  });

  it('rebuilds on a spec.ignore change with the same revision; user patterns drop the defaults', async () => {
    const before = await settledGeneration();
    await fx.resources.mergePatch(ref, { spec: { ignore: 'docs/\n' } });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref,
      (o) => o.status?.observedIgnore === 'docs/\n' && ready(o)?.status === 'True',
    );
    expect(obj.status?.artifact?.revision).toBe(`main@sha1:${sha}`);
    expect(obj.status?.artifact?.digest).not.toBe(before.status?.artifact?.digest);
    expect(await paths(obj)).toEqual([
      '.github/workflows/ci.yaml',
      'deploy/app.yaml',
      'logo.png',
      'other.png',
    ]);
    // Same reason and message twice: the recorder folds them into one Event with count 2.
    const events = await fx.resources.list<
      KubeObject & { reason: string; count: number; involvedObject: { name: string } }
    >('v1', 'Event', { namespace: 'default' });
    const stored = events.items.filter(
      (e) => e.involvedObject.name === 'ignored' && e.reason === 'NewArtifact',
    );
    expect(stored.reduce((n, e) => n + e.count, 0)).toBe(2);
  });

  it('combines .sourceignore files with spec.ignore, which wins (negation)', async () => {
    await repo.commit(
      {
        '.sourceignore': '*.png\n.github/\n',
        'deploy/.sourceignore': '/local.yaml\n',
        'deploy/local.yaml': 'x\n',
        'deploy/sub/local.yaml': 'y\n',
      },
      'ignore files',
    );
    await fx.resources.mergePatch(ref, {
      spec: { ignore: '!logo.png\n' },
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'files' } },
    });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref,
      (o) => o.status?.observedIgnore === '!logo.png\n' && ready(o)?.status === 'True',
    );
    expect(await paths(obj)).toEqual([
      '.sourceignore',
      'deploy/.sourceignore',
      'deploy/app.yaml',
      'deploy/sub/local.yaml',
      'docs/guide.md',
      'logo.png',
    ]);
  });

  it('rebuilds when spec.ignore is removed, keeping .sourceignore rules', async () => {
    await fx.resources.mergePatch(ref, { spec: { ignore: null } });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref,
      (o) =>
        o.spec.ignore === undefined &&
        o.status?.observedIgnore === undefined &&
        o.status?.observedGeneration === o.metadata.generation &&
        ready(o)?.status === 'True',
    );
    expect(await paths(obj)).toEqual([
      '.sourceignore',
      'deploy/.sourceignore',
      'deploy/app.yaml',
      'deploy/sub/local.yaml',
      'docs/guide.md',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Artifact } from '../../api/meta.js';
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

type Condition = { type: string; status: string; reason: string; message: string };
type GitRepo = KubeObject & {
  status?: {
    artifact?: Artifact;
    includedArtifacts?: Artifact[];
    observedInclude?: unknown[];
    conditions?: Condition[];
    lastHandledReconcileAt?: string;
  };
};

let fx: ClusterFixture;
let appTree: GitWorkTree;
let libTree: GitWorkTree;
let appUrl: string;
let libUrl: string;
let appSha: string;

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});
const condition = (o: GitRepo, type: string) => o.status?.conditions?.find((c) => c.type === type);

async function apply(name: string, spec: Record<string, unknown>): Promise<void> {
  await fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name, namespace: 'default' },
      spec: { interval: '10m', ...spec },
    },
    { fieldManager: 'test' },
  );
}

async function requestReconcile(name: string, token: string): Promise<GitRepo> {
  await fx.resources.mergePatch(ref(name), {
    metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } },
  });
  return waitForObject<GitRepo>(fx.resources, ref(name), (o) => o.status?.lastHandledReconcileAt === token);
}

async function files(obj: GitRepo): Promise<Record<string, string>> {
  const res = await fetch(obj.status?.artifact?.url ?? '');
  const out: Record<string, string> = {};
  for (const e of readTarGz(Buffer.from(await res.arrayBuffer())))
    if (e.type === 'file') out[e.path] = e.data.toString('utf8');
  return out;
}

beforeAll(async () => {
  fx = await startClusterFixture();
  appUrl = await fx.sandbox.createGitRepository('include-app');
  libUrl = await fx.sandbox.createGitRepository('include-lib');
  appTree = new GitWorkTree(appUrl);
  libTree = new GitWorkTree(libUrl);
  appSha = await appTree.commit({ 'deploy/app.yaml': 'app: 1\n', 'vendor/.keep': '' }, 'app');
  await libTree.commit({ 'manifests/a.yaml': 'lib: 1\n', 'README.md': 'lib\n' }, 'lib v1');
});

afterAll(async () => {
  appTree?.remove();
  libTree?.remove();
  await fx?.stop();
});

describe('GitRepository include', () => {
  it('waits with IncludeUnavailable=True while the included GitRepository does not exist', async () => {
    await apply('app', {
      url: appUrl,
      ref: { branch: 'main' },
      include: [{ repository: { name: 'lib' }, fromPath: 'manifests', toPath: 'vendor/lib' }],
    });
    const obj = await waitForObject<GitRepo>(fx.resources, ref('app'), (o) => ready(o)?.status === 'False');
    const message = `could not get resource for include 'lib': gitrepositories.source.toolkit.fluxcd.io "lib" not found`;
    expect(condition(obj, 'IncludeUnavailable')).toMatchObject({
      status: 'True',
      reason: 'NotFound',
      message,
    });
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'NotFound', message });
    expect(obj.status?.artifact).toBeUndefined();
  });

  it('copies the included artifact from fromPath to toPath once it is there', async () => {
    await apply('lib', { url: libUrl, ref: { branch: 'main' } });
    const lib = await waitForObject<GitRepo>(fx.resources, ref('lib'), (o) => ready(o)?.status === 'True');
    await requestReconcile('app', 'lib-ready');
    const app = await waitForObject<GitRepo>(fx.resources, ref('app'), (o) => ready(o)?.status === 'True');
    expect(app.status?.artifact?.revision).toBe(`main@sha1:${appSha}`);
    expect(await files(app)).toEqual({
      'deploy/app.yaml': 'app: 1\n',
      'vendor/.keep': '',
      'vendor/lib/a.yaml': 'lib: 1\n',
    });
    expect(app.status?.includedArtifacts).toEqual([lib.status?.artifact]);
    expect(app.status?.observedInclude).toEqual([
      { repository: { name: 'lib' }, fromPath: 'manifests', toPath: 'vendor/lib' },
    ]);
    expect(condition(app, 'IncludeUnavailable')).toBeUndefined();
  });

  it('rebuilds by itself when the included artifact changes, though its own revision did not', async () => {
    const before = await waitForObject<GitRepo>(fx.resources, ref('app'), () => true);
    await libTree.commit({ 'manifests/a.yaml': 'lib: 2\n' }, 'lib v2');
    const lib = await requestReconcile('lib', 'lib-v2');
    expect(lib.status?.artifact?.revision).not.toBe(undefined);
    // No reconcile request for `app`: the include watch must wake it.
    const app = await waitForObject<GitRepo>(
      fx.resources,
      ref('app'),
      (o) =>
        o.status?.includedArtifacts?.[0]?.digest === lib.status?.artifact?.digest &&
        ready(o)?.status === 'True',
    );
    expect(app.status?.artifact?.revision).toBe(before.status?.artifact?.revision);
    expect(app.status?.artifact?.digest).not.toBe(before.status?.artifact?.digest);
    expect((await files(app))['vendor/lib/a.yaml']).toBe('lib: 2\n');
    expect(app.status?.includedArtifacts?.[0]?.digest).toBe(lib.status?.artifact?.digest);
    expect(condition(app, 'ArtifactOutdated')).toBeUndefined();
  });

  it('defaults toPath to the repository name and clamps paths inside the artifact', async () => {
    await apply('whole', {
      url: appUrl,
      ref: { branch: 'main' },
      include: [
        { repository: { name: 'lib' } },
        { repository: { name: 'lib' }, fromPath: 'manifests/a.yaml', toPath: '../../etc/a.yaml' },
      ],
    });
    const obj = await waitForObject<GitRepo>(fx.resources, ref('whole'), (o) => ready(o)?.status === 'True');
    const got = await files(obj);
    expect(got['lib/manifests/a.yaml']).toBe('lib: 2\n');
    expect(got['lib/README.md']).toBe('lib\n');
    expect(got['etc/a.yaml']).toBe('lib: 2\n');
  });

  it('reports an include without an artifact as NoArtifact, and a path that exists as a copy failure', async () => {
    await apply('broken', { url: libUrl, ref: { branch: 'does-not-exist' } });
    await apply('needs-broken', {
      url: appUrl,
      ref: { branch: 'main' },
      include: [{ repository: { name: 'broken' } }],
    });
    const waiting = await waitForObject<GitRepo>(
      fx.resources,
      ref('needs-broken'),
      (o) => ready(o)?.status === 'False',
    );
    expect(condition(waiting, 'IncludeUnavailable')).toMatchObject({
      reason: 'NoArtifact',
      message: "no artifact available for include 'broken'",
    });

    await apply('clash', {
      url: appUrl,
      ref: { branch: 'main' },
      include: [{ repository: { name: 'lib' }, toPath: 'deploy' }],
    });
    const clash = await waitForObject<GitRepo>(
      fx.resources,
      ref('clash'),
      (o) => ready(o)?.status === 'False',
    );
    expect(condition(clash, 'StorageOperationFailed')).toMatchObject({
      status: 'True',
      reason: 'CopyFailure',
    });
    expect(ready(clash)?.message).toBe(
      "failed to copy 'lib' include from  to deploy: 'deploy' already exists",
    );
  });
});

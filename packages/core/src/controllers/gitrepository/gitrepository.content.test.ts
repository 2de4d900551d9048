import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitServer, type GitServer } from '../../testing/sandbox.js';
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

const USER = 'sub';
const PASSWORD = 'sub-Module-Secret-41c2';

interface Status {
  artifact?: { revision: string; url: string; digest: string };
  observedGeneration?: number;
  observedSparseCheckout?: string[];
  observedRecurseSubmodules?: boolean;
  conditions?: { type: string; status: string; reason: string; message: string }[];
}
type GitRepo = KubeObject & { status?: Status };

let fx: ClusterFixture;
let server: GitServer;
let serverDir: string;
let parent: GitWorkTree;
let child: GitWorkTree;
let parentUrl: string;
let head: string;

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});
const settledAt = (generation: number) => (o: GitRepo) =>
  o.status?.observedGeneration === generation ||
  (ready(o)?.status === 'False' && o.metadata.generation === generation);

async function apply(name: string, spec: Record<string, unknown>): Promise<GitRepo> {
  const applied = await fx.resources.apply<GitRepo>(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name, namespace: 'default' },
      spec: {
        url: parentUrl,
        interval: '10m',
        ref: { branch: 'main' },
        secretRef: { name: 'sub-auth' },
        ...spec,
      },
    },
    { fieldManager: 'test' },
  );
  return waitForObject<GitRepo>(fx.resources, ref(name), settledAt(applied.metadata.generation ?? 1));
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
  // Its own server, with basic auth: the submodule must be fetched with the parent's credentials.
  serverDir = mkdtempSync(join(tmpdir(), 'tideline-sub-'));
  server = await startGitServer({ root: serverDir, port: 0, auth: { username: USER, password: PASSWORD } });
  const authed = (url: string) => url.replace('http://', `http://${USER}:${PASSWORD}@`);
  const childUrl = await server.createRepository('child');
  parentUrl = await server.createRepository('parent');
  child = new GitWorkTree(authed(childUrl));
  await child.commit({ 'lib/config.yaml': 'from: child\n' }, 'child');
  parent = new GitWorkTree(authed(parentUrl));
  await parent.commit(
    {
      'app/deploy.yaml': 'kind: Deployment\n',
      'apps/extra.yaml': 'x: 1\n',
      'docs/readme.md': '# docs\n',
      'root.yaml': 'r: 1\n',
    },
    'parent',
  );
  // A relative URL, resolved against the parent's URL as a clone resolves it against origin.
  await parent.git(
    '-c',
    'protocol.file.allow=always',
    'submodule',
    'add',
    '-q',
    '../child.git',
    'vendor/child',
  );
  head = await parent.commit({}, 'add submodule');
  // The child moves on: the parent pins a commit that is no longer a branch tip.
  await child.commit({ 'lib/config.yaml': 'from: child, later\n' }, 'child moves on');
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'sub-auth', namespace: 'default' },
      stringData: { username: USER, password: PASSWORD },
    },
    { fieldManager: 'test' },
  );
});

afterAll(async () => {
  parent?.remove();
  child?.remove();
  await server?.stop();
  await fx?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

describe('GitRepository spec.recurseSubmodules', () => {
  it('leaves the submodule out by default', async () => {
    const obj = await apply('submodules', {});
    expect(ready(obj)).toMatchObject({
      status: 'True',
      message: `stored artifact for revision 'main@sha1:${head}'`,
    });
    expect(Object.keys(await files(obj))).not.toContain('vendor/child/lib/config.yaml');
    expect(obj.status?.observedRecurseSubmodules).toBeUndefined();
  });

  it('rebuilds the same commit with the submodule in, fetched with the same credentials', async () => {
    const before = await waitForObject<GitRepo>(fx.resources, ref('submodules'), () => true);
    const obj = await apply('submodules', { recurseSubmodules: true });
    expect(ready(obj)).toMatchObject({
      status: 'True',
      message: `stored artifact for revision 'main@sha1:${head}'`,
    });
    expect(obj.status?.artifact?.revision).toBe(before.status?.artifact?.revision);
    expect(obj.status?.artifact?.digest).not.toBe(before.status?.artifact?.digest);
    expect((await files(obj))['vendor/child/lib/config.yaml']).toBe('from: child\n');
    expect(obj.status?.observedRecurseSubmodules).toBe(true);
  });

  it('says why when a submodule cannot be fetched', async () => {
    // Same server, but the submodule's repository is gone.
    await parent.git('config', '-f', '.gitmodules', 'submodule.vendor/child.url', '../missing.git');
    const broken = await parent.commit({}, 'point the submodule elsewhere');
    await fx.resources.mergePatch(ref('submodules'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'broken' } },
    });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref('submodules'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('GitOperationFailed');
    expect(ready(obj)?.message).toMatch(
      new RegExp(
        `^failed to checkout and determine revision: unable to clone '${parentUrl}': clone of '.*/missing\\.git' into submodule path`,
      ),
    );
    expect(ready(obj)?.message).not.toContain(PASSWORD);
    expect(obj.status?.artifact?.revision).toBe(`main@sha1:${head}`);
    expect(broken).not.toBe(head);
  });
  it('never lets .gitmodules read the local disk (file:// stays forbidden for submodules)', async () => {
    // The child's bare repository exists on this very machine; a local path must still be refused.
    await parent.git(
      'config',
      '-f',
      '.gitmodules',
      'submodule.vendor/child.url',
      join(serverDir, 'child.git'),
    );
    await parent.commit({}, 'point the submodule at a local path');
    await fx.resources.mergePatch(ref('submodules'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'local' } },
    });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref('submodules'),
      (o) => (o.status as { lastHandledReconcileAt?: string }).lastHandledReconcileAt === 'local',
    );
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'GitOperationFailed' });
    expect(ready(obj)?.message).toMatch(/into submodule path .* failed/);
    expect(obj.status?.artifact?.revision).toBe(`main@sha1:${head}`);
  });
});

describe('GitRepository spec.sparseCheckout', () => {
  it('packs only the paths under the listed directories, as go-git selects them by prefix', async () => {
    const obj = await apply('sparse', { sparseCheckout: ['./app', 'docs/'] });
    expect(ready(obj)?.status).toBe('True');
    // `app` is a string prefix for go-git, so `apps/` comes along; root files do not.
    expect(Object.keys(await files(obj)).sort()).toEqual([
      'app/deploy.yaml',
      'apps/extra.yaml',
      'docs/readme.md',
    ]);
    expect(obj.status?.observedSparseCheckout).toEqual(['./app', 'docs/']);
  });

  it('reports a directory missing from the repository, and keeps the last artifact', async () => {
    const before = await waitForObject<GitRepo>(fx.resources, ref('sparse'), () => true);
    const obj = await apply('sparse', { sparseCheckout: ['app', 'nowhere'] });
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'GitOperationFailed' });
    expect(ready(obj)?.message).toMatch(
      /^failed to sparse checkout directories : sparse checkout dir 'nowhere' does not exist in repository: lstat \/.+\/nowhere: no such file or directory$/,
    );
    expect(obj.status?.conditions?.find((c) => c.type === 'FetchFailed')).toMatchObject({
      status: 'True',
      reason: 'GitOperationFailed',
    });
    expect(obj.status?.artifact).toEqual(before.status?.artifact);
    expect(obj.status?.observedSparseCheckout).toEqual(['./app', 'docs/']);
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  status?: {
    artifact?: { revision: string; url: string; digest: string; lastUpdateTime: string };
    conditions?: { type: string; status: string }[];
  };
};

let fx: ClusterFixture;
let repo: GitWorkTree;
let url: string;
const commits: Record<string, string> = {};

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});

async function apply(name: string, gitRef: Record<string, string> | undefined): Promise<void> {
  const spec = { url, interval: '10m', ...(gitRef ? { ref: gitRef } : {}) };
  await fx.resources.apply(
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', metadata: { name, namespace: 'default' }, spec },
    { fieldManager: 'test' },
  );
}

async function settled(name: string): Promise<GitRepo> {
  return waitForObject<GitRepo>(
    fx.resources,
    ref(name),
    (o) => ready(o)?.status === 'True' || ready(o)?.status === 'False',
  );
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
  url = await fx.sandbox.createGitRepository('refs-test');
  repo = new GitWorkTree(url);
  commits.first = await repo.commit({ 'app.yaml': 'version: 1\n' }, 'first');
  await repo.git('tag', 'v1.0.0');
  commits.second = await repo.commit({ 'app.yaml': 'version: 2\n' }, 'second');
  await repo.git('tag', '-a', 'v1.1.0', '-m', 'annotated release');
  await repo.git('tag', '1.2.0-rc.1');
  await repo.git('tag', 'v1.3');
  commits.third = await repo.commit({ 'app.yaml': 'version: 3\n' }, 'third');
  await repo.git('tag', '2.0.0');
  await repo.git(
    'push',
    '-q',
    'origin',
    '--tags',
    'HEAD:refs/pull/1/head',
    `${commits.first}:refs/heads/master`,
  );
  await repo.git('checkout', '-q', '-b', 'other', commits.first);
  await writeFile(join(repo.dir, 'other.yaml'), 'x: 1\n');
  await repo.git('add', '-A');
  await repo.git('commit', '-q', '-m', 'on other');
  await repo.git('push', '-q', 'origin', 'other');
  commits.other = await repo.git('rev-parse', 'HEAD');
  await repo.git('checkout', '-q', 'main');
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('GitRepository refs', () => {
  // Refs and revisions are functions: the commits exist only once beforeAll has run.
  it.each([
    ['lightweight tag', 'tag-light', () => ({ tag: 'v1.0.0' }), () => `v1.0.0@sha1:${commits.first}`, '1'],
    [
      'annotated tag, peeled to its commit',
      'tag-annotated',
      () => ({ tag: 'v1.1.0' }),
      () => `v1.1.0@sha1:${commits.second}`,
      '2',
    ],
    [
      'semver: highest 3-part version, no pre-release',
      'semver',
      () => ({ semver: '>=1.0.0 <2.0.0' }),
      () => `v1.1.0@sha1:${commits.second}`,
      '2',
    ],
    [
      'tag wins over semver',
      'tag-over-semver',
      () => ({ tag: 'v1.0.0', semver: '>=2.0.0' }),
      () => `v1.0.0@sha1:${commits.first}`,
      '1',
    ],
    [
      'semver with pre-releases opted in (every constraint needs one)',
      'semver-pre',
      () => ({ semver: '>=1.2.0-0 <2.0.0-0' }),
      () => `1.2.0-rc.1@sha1:${commits.second}`,
      '2',
    ],
    [
      'name: a pull request ref, full ref in the revision',
      'name-pr',
      () => ({ name: 'refs/pull/1/head' }),
      () => `refs/pull/1/head@sha1:${commits.third}`,
      '3',
    ],
    [
      'name beats tag',
      'name-over-tag',
      () => ({ name: 'refs/heads/main', tag: 'v1.0.0' }),
      () => `refs/heads/main@sha1:${commits.third}`,
      '3',
    ],
    [
      'commit alone: bare sha1 revision',
      'commit',
      () => ({ commit: commits.first ?? '' }),
      () => `sha1:${commits.first}`,
      '1',
    ],
    [
      'commit beats everything',
      'commit-over-name',
      () => ({ commit: commits.second ?? '', name: 'refs/pull/1/head' }),
      () => `sha1:${commits.second}`,
      '2',
    ],
    [
      'commit on a branch',
      'commit-branch',
      () => ({ commit: commits.second ?? '', branch: 'main' }),
      () => `main@sha1:${commits.second}`,
      '2',
    ],
    [
      'no ref at all: branch master',
      'default-master',
      () => undefined,
      () => `master@sha1:${commits.first}`,
      '1',
    ],
  ])('%s', async (_title, name, gitRef, revision, version) => {
    await apply(name, gitRef());
    const obj = await settled(name);
    expect(ready(obj)).toMatchObject({
      status: 'True',
      message: `stored artifact for revision '${revision()}'`,
    });
    expect(obj.status?.artifact?.revision).toBe(revision());
    expect((await files(obj))['app.yaml']).toBe(`version: ${version}\n`);
  });

  it('skips the clone when the remote revision is unchanged', async () => {
    const before = await settled('tag-light');
    await fx.resources.mergePatch(ref('tag-light'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'again' } },
    });
    const after = await waitForObject<GitRepo>(
      fx.resources,
      ref('tag-light'),
      (o) => (o.status as { lastHandledReconcileAt?: string }).lastHandledReconcileAt === 'again',
    );
    expect(after.status?.artifact).toEqual(before.status?.artifact);
    const events = await fx.resources.list<KubeObject & { reason: string; involvedObject: { name: string } }>(
      'v1',
      'Event',
      { namespace: 'default' },
    );
    expect(
      events.items.some((e) => e.involvedObject.name === 'tag-light' && e.reason === 'ArtifactUpToDate'),
    ).toBe(true);
  });

  it.each([
    ['unknown tag', 'bad-tag', { tag: 'v9.9.9' }, /couldn't find remote ref "refs\/tags\/v9\.9\.9"/],
    [
      'no tag satisfies the range',
      'bad-semver',
      { semver: '>=5.0.0' },
      /no match found for semver: >=5\.0\.0/,
    ],
    ['invalid range', 'bad-range', { semver: '>>1' }, /semver parse error: improper constraint: >>1/],
    [
      'unknown ref name',
      'bad-name',
      { name: 'refs/pull/9/head' },
      /unable to resolve ref 'refs\/pull\/9\/head' to a specific commit/,
    ],
    [
      'unknown commit',
      'bad-commit',
      { commit: 'f'.repeat(40) },
      /unable to resolve commit object for 'f{40}': object not found/,
    ],
    [
      'commit not on the branch',
      'commit-elsewhere',
      { commit: 'OTHER', branch: 'main' },
      /unable to resolve commit object for '[0-9a-f]{40}'/,
    ],
    [
      'an option smuggled in as a branch',
      'option-branch',
      { branch: '--upload-pack=touch /tmp/pwned' },
      /invalid branch '--upload-pack=touch \/tmp\/pwned': must not start with "-"/,
    ],
  ])('reports %s as GitOperationFailed', async (_title, name, gitRef, message) => {
    const actual = Object.fromEntries(
      Object.entries(gitRef).map(([k, v]) => [k, v === 'OTHER' ? (commits.other ?? '') : v]),
    );
    await apply(name, actual);
    const obj = await settled(name);
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'GitOperationFailed' });
    expect(ready(obj)?.message).toMatch(/^failed to checkout and determine revision: /);
    expect(ready(obj)?.message).toMatch(message);
    expect(obj.status?.conditions?.find((c) => c.type === 'FetchFailed')?.status).toBe('True');
  });
});

import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

const run = promisify(execFile);

interface ArtifactStatus {
  revision: string;
  url: string;
  digest: string;
  path: string;
}
type GitRepo = KubeObject & {
  status?: { artifact?: ArtifactStatus; conditions?: { type: string; status: string; reason: string }[] };
};

let fx: ClusterFixture;
let repo: GitWorkTree;
let url: string;
let head: string;
/** A TCP server that accepts connections and never says a word. */
let silent: Server;
const sockets = new Set<Socket>();

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});

async function apply(name: string, spec: Record<string, unknown>): Promise<void> {
  await fx.resources.apply(
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', metadata: { name, namespace: 'default' }, spec },
    { fieldManager: 'test' },
  );
}

const readyIs = (status: string) => (o: GitRepo) =>
  ready(o)?.status === status &&
  o.metadata.generation === (o.status as { observedGeneration?: number }).observedGeneration;
const failedAt = (generation: number) => (o: GitRepo) =>
  ready(o)?.status === 'False' && o.metadata.generation === generation;

/** A GitRepository with a good artifact from `main`; resolves it. */
async function healthy(name: string, extra: Record<string, unknown> = {}): Promise<GitRepo> {
  await apply(name, { url, interval: '10m', ref: { branch: 'main' }, ...extra });
  return waitForObject<GitRepo>(fx.resources, ref(name), readyIs('True'));
}

/** The artifact in status is the one from before, and the artifact server still serves its bytes. */
async function expectKept(obj: GitRepo, before: ArtifactStatus | undefined): Promise<void> {
  expect(obj.status?.artifact).toMatchObject({
    revision: before?.revision,
    digest: before?.digest,
    path: before?.path,
  });
  const res = await fetch(obj.status?.artifact?.url ?? '');
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  expect(`sha256:${createHash('sha256').update(body).digest('hex')}`).toBe(before?.digest);
}

async function artifactFiles(obj: GitRepo): Promise<string[]> {
  const res = await fetch(obj.status?.artifact?.url ?? '');
  return readTarGz(Buffer.from(await res.arrayBuffer())).map((e) => `${e.type}:${e.path}`);
}

beforeAll(async () => {
  fx = await startClusterFixture();
  url = await fx.sandbox.createGitRepository('failures');
  repo = new GitWorkTree(url);
  head = await repo.commit({ 'app.yaml': 'version: 1\n' }, 'first');
  await repo.git('tag', 'v1.0.0');
  await repo.git('push', '-q', 'origin', '--tags');
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  silent?.close();
  repo?.remove();
  await fx?.stop();
});

describe('GitRepository failures keep the last artifact', () => {
  it.each([
    [
      'an unknown branch',
      { branch: 'nope' },
      'GitOperationFailed',
      (): string =>
        `failed to checkout and determine revision: unable to clone '${url}': couldn't find remote ref "refs/heads/nope"`,
    ],
    [
      'an unknown tag',
      { tag: 'v9.9.9' },
      'GitOperationFailed',
      (): string =>
        `failed to checkout and determine revision: unable to clone '${url}': couldn't find remote ref "refs/tags/v9.9.9"`,
    ],
    [
      'no tag in the semver range',
      { semver: '>=5.0.0' },
      'GitOperationFailed',
      (): string => 'failed to checkout and determine revision: no match found for semver: >=5.0.0',
    ],
  ])('%s', async (_title, badRef, reason, message) => {
    const name = `bad-${Object.keys(badRef)[0]}`;
    const good = await healthy(name);
    expect(good.status?.artifact?.revision).toBe(`main@sha1:${head}`);
    await apply(name, { url, interval: '10m', ref: badRef });
    const bad = await waitForObject<GitRepo>(
      fx.resources,
      ref(name),
      failedAt((good.metadata.generation ?? 1) + 1),
    );
    expect(ready(bad)).toMatchObject({ reason, message: message() });
    expect(bad.status?.conditions?.find((c) => c.type === 'FetchFailed')).toMatchObject({
      status: 'True',
      reason,
    });
    expect(bad.status?.conditions?.find((c) => c.type === 'Reconciling')).toMatchObject({
      status: 'True',
      reason: 'ProgressingWithRetry',
    });
    await expectKept(bad, good.status?.artifact);
  });

  it('an empty repository', async () => {
    const good = await healthy('to-empty');
    const emptyUrl = await fx.sandbox.createGitRepository('empty');
    await apply('to-empty', { url: emptyUrl, interval: '10m', ref: { branch: 'main' } });
    const bad = await waitForObject<GitRepo>(
      fx.resources,
      ref('to-empty'),
      failedAt((good.metadata.generation ?? 1) + 1),
    );
    expect(ready(bad)).toMatchObject({ reason: 'EmptyGitRepository', message: 'git repository is empty' });
    expect(bad.status?.conditions?.find((c) => c.type === 'FetchFailed')).toMatchObject({
      status: 'True',
      reason: 'EmptyGitRepository',
    });
    await expectKept(bad, good.status?.artifact);
  });

  it('a server that never answers: the timeout, in Go words, and other objects carry on', async () => {
    // With an artifact in storage Flux lists the remote first (the skip-clone check), hence its wording.
    const good = await healthy('to-silent');
    const { port } = silent.address() as { port: number };
    const silentUrl = `http://127.0.0.1:${port}/slow.git`;
    const started = Date.now();
    await apply('to-silent', { url: silentUrl, interval: '10m', timeout: '2s', ref: { branch: 'main' } });
    // While that one hangs, another GitRepository still gets its artifact.
    const other = await healthy('beside-silent');
    expect(ready(other)?.status).toBe('True');
    const bad = await waitForObject<GitRepo>(
      fx.resources,
      ref('to-silent'),
      failedAt((good.metadata.generation ?? 1) + 1),
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(ready(bad)).toMatchObject({
      reason: 'GitOperationFailed',
      message: `failed to checkout and determine revision: unable to list remote for '${silentUrl}': context deadline exceeded`,
    });
    await expectKept(bad, good.status?.artifact);
  });

  it('an interval Go cannot hold fails that object alone: the others carry on (CVE-2022-39272)', async () => {
    // `99999999999h` matches Flux's CRD pattern but overflows Go's time.Duration; its requeue
    // throws after every fetch. The kind's queue must keep serving every other object.
    await apply('huge-interval', { url, interval: '99999999999h', ref: { branch: 'main' } });
    await waitForObject<GitRepo>(fx.resources, ref('huge-interval'), readyIs('True'));
    const beside = await healthy('beside-huge-interval');
    expect(ready(beside)?.status).toBe('True');
    await apply('huge-interval', { url, interval: '99999999999h', ref: { branch: 'main' }, timeout: '30s' });
    await waitForObject<GitRepo>(
      fx.resources,
      ref('huge-interval'),
      (o) => (o.status as { observedGeneration?: number }).observedGeneration === 2,
    );
    const after = await healthy('after-huge-interval');
    expect(ready(after)?.status).toBe('True');
  });
});

describe('GitRepository content that must not leak or blow up', () => {
  it('drops symlinks, those leaving the repository included, as Flux archives do', async () => {
    mkdirSync(join(repo.dir, 'conf'), { recursive: true });
    writeFileSync(join(repo.dir, 'conf', 'real.yaml'), 'real: true\n');
    symlinkSync('/etc/passwd', join(repo.dir, 'passwd'));
    symlinkSync('../../../../../../../../etc', join(repo.dir, 'conf', 'etc'));
    symlinkSync('/', join(repo.dir, 'root'));
    symlinkSync('real.yaml', join(repo.dir, 'conf', 'inside.yaml'));
    head = await repo.commit({}, 'symlinks');
    const obj = await healthy('symlinks');
    expect(obj.status?.artifact?.revision).toBe(`main@sha1:${head}`);
    expect(await artifactFiles(obj)).toEqual(['file:app.yaml', 'dir:conf', 'file:conf/real.yaml']);
  });

  it('packs a 200 MB file without holding it in memory', async () => {
    const size = 200 * 1024 * 1024;
    await run('truncate', ['-s', String(size), join(repo.dir, 'big.bin')]);
    head = await repo.commit({}, 'a large file');
    const before = process.memoryUsage();
    let peak = { rss: before.rss, arrayBuffers: before.arrayBuffers, heapUsed: before.heapUsed };
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = {
        rss: Math.max(peak.rss, now.rss),
        arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers),
        heapUsed: Math.max(peak.heapUsed, now.heapUsed),
      };
    }, 20);
    let obj: GitRepo;
    const started = Date.now();
    try {
      await apply('large', { url, interval: '10m', ref: { branch: 'main' } });
      obj = await waitForObject<GitRepo>(
        fx.resources,
        ref('large'),
        (o) => o.status?.artifact?.revision === `main@sha1:${head}`,
        120_000,
      );
    } finally {
      clearInterval(sampler);
    }
    const mib = (n: number) => Math.round(n / 1024 / 1024);
    const growth = {
      rss: mib(peak.rss - before.rss),
      arrayBuffers: mib(peak.arrayBuffers - before.arrayBuffers),
      heapUsed: mib(peak.heapUsed - before.heapUsed),
    };
    console.log(
      `200 MiB file: artifact in ${Date.now() - started} ms, ${obj.status?.artifact?.path}; peak growth MiB`,
      growth,
    );
    // Buffering the file would add ≥ 200 MiB; streaming leaves only short-lived 64 KiB chunks.
    expect(growth.rss).toBeLessThan(64);
    expect(growth.arrayBuffers).toBeLessThan(64);
    // The file is in the artifact at full size (listed by tar, not read into this process).
    const file = join(repo.dir, '..', `tideline-large-${process.pid}.tar.gz`);
    writeFileSync(file, Buffer.from(await (await fetch(obj.status?.artifact?.url ?? '')).arrayBuffer()));
    const { stdout } = await run('tar', ['-tvzf', file]);
    expect(stdout).toMatch(new RegExp(`-rw------- 0/0 +${size} .* big\\.bin`));
  });
});

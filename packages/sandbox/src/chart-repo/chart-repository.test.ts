import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { isPortFree } from '../ports.js';
import { pinnedHelm, REPO_ROOT } from '../testing/tools.js';
import { startChartRepository, type ChartRepository } from './chart-repository.js';
import { publishCharts } from './publish-charts.js';

const run = promisify(execFile);
const FIXTURES = join(REPO_ROOT, '..', 'shared', 'fixtures', 'charts');

/** One raw HTTP exchange, sending `path` exactly as given (no URL normalization). */
function rawRequest(
  url: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

interface RepoIndex {
  entries: Record<string, { version: string; urls: string[] }[]>;
}

describe('chart repository', () => {
  let scratch: string;
  let repo: ChartRepository;
  const helmBin = pinnedHelm();
  // Helm writes caches and config under these; keep them out of the machine's home.
  const helmEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    HELM_CACHE_HOME: join(scratch, 'helm-cache'),
    HELM_CONFIG_HOME: join(scratch, 'helm-config'),
    HELM_DATA_HOME: join(scratch, 'helm-data'),
  });

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'tideline-chart-repo-'));
    repo = await startChartRepository({ root: join(scratch, 'repo') });
    await publishCharts({
      root: repo.root,
      chartDirs: [join(FIXTURES, 'podinfo-6.2.1'), join(FIXTURES, 'podinfo-6.2.2')],
      url: repo.url,
      helmBin,
    });
  });
  afterAll(async () => {
    await repo.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('serves an index.yaml listing both published versions', async () => {
    const response = await fetch(`${repo.url}/index.yaml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-yaml');
    const index = parse(await response.text()) as RepoIndex;
    const versions = (index.entries['podinfo'] ?? []).map((entry) => entry.version).sort();
    expect(versions).toEqual(['6.2.1', '6.2.2']);
    const entry = index.entries['podinfo']?.find((e) => e.version === '6.2.2');
    expect(entry?.urls).toEqual([`${repo.url}/podinfo-6.2.2.tgz`]);
  });

  it('serves chart archives, with HEAD giving the same headers and no body', async () => {
    const get = await fetch(`${repo.url}/podinfo-6.2.2.tgz`);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/gzip');
    const bytes = Buffer.from(await get.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const head = await rawRequest(repo.url, '/podinfo-6.2.2.tgz', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    expect(head.body).toBe('');
  });

  it('lets the real helm CLI pull a chart', async () => {
    const dest = join(scratch, 'pulled');
    await mkdir(dest);
    await run(helmBin, ['pull', '--repo', repo.url, 'podinfo', '--version', '6.2.2', '--destination', dest], {
      env: helmEnv(),
    });
    expect(await readdir(dest)).toEqual(['podinfo-6.2.2.tgz']);
  });

  it('answers 404 for missing or unlisted files and 405 for other methods', async () => {
    await writeFile(join(repo.root, 'secret.txt'), 'no\n');
    expect((await fetch(`${repo.url}/podinfo-9.9.9.tgz`)).status).toBe(404);
    expect((await fetch(`${repo.url}/secret.txt`)).status).toBe(404);
    expect((await fetch(`${repo.url}/`)).status).toBe(404);
    const post = await fetch(`${repo.url}/index.yaml`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never serves files outside the root', async () => {
    for (const path of [
      '/../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/..%5c..%5cetc%5cpasswd',
    ]) {
      const response = await rawRequest(repo.url, path);
      expect([400, 404], path).toContain(response.status);
      expect(response.body).not.toContain('root:');
    }
    // A symlink pointing out of the root is not followed.
    await symlink('/etc/hostname', join(repo.root, 'escape.tgz'));
    expect((await rawRequest(repo.url, '/escape.tgz')).status).toBe(404);
  });
});

describe('chart repository shutdown', () => {
  it('frees its port and can be stopped twice', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'tideline-chart-stop-'));
    const repo = await startChartRepository({ root: scratch });
    const keepAlive = await fetch(`${repo.url}/index.yaml`);
    expect(keepAlive.status).toBe(404);
    await repo.stop();
    await repo.stop();
    expect(await isPortFree(repo.port)).toBe(true);
    await rm(scratch, { recursive: true, force: true });
  });
});

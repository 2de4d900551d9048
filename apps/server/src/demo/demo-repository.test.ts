import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGitServer, type GitServer } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT_PATH, GOTK_SYNC_PATH, IMAGE_AUTOMATION_PATH } from './demo-files.js';
import { ensureDemoRepository } from './demo-repository.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'demo-git-'));
const HOST = '127.0.0.1:5000';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ root });
});

afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function cloneFile(url: string, path: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-clone-'));
  await run('git', ['clone', '-q', '--', url, dir]);
  return readFileSync(join(dir, path), 'utf8');
}

describe('demo repository', () => {
  it('is seeded like the guide on first use, and reused untouched afterwards', async () => {
    const url = await server.createRepository('flux-system');
    const first = await ensureDemoRepository(url, HOST, 'http://127.0.0.1:9/charts');
    expect(await cloneFile(url, 'apps/production/kustomization.yaml')).toContain('value: 3');
    expect(await cloneFile(url, 'clusters/production/infrastructure.yaml')).toContain(
      'path: ./infrastructure/production',
    );
    expect(await cloneFile(url, 'infrastructure/base/podinfo/helmrelease.yaml')).toContain(
      'version: "6.2.x"',
    );
    expect(await cloneFile(url, 'infrastructure/base/podinfo/helmrepository.yaml')).toContain(
      'url: http://127.0.0.1:9/charts',
    );
    expect(await cloneFile(url, GOTK_SYNC_PATH)).toContain(`url: ${url}\n`);
    expect(await cloneFile(url, 'clusters/production/apps.yaml')).toContain('path: ./apps/production');
    expect(await cloneFile(url, IMAGE_AUTOMATION_PATH)).toContain(`image: ${HOST}/my-app\n`);
    expect(await ensureDemoRepository(url, HOST, 'http://127.0.0.1:9/charts')).toBe(first);
  });

  it('adds the infrastructure once to a repository seeded without it, and follows the chart repository', async () => {
    const url = await server.createRepository('older');
    await ensureDemoRepository(url, HOST);
    const added = await ensureDemoRepository(url, HOST, 'http://127.0.0.1:9/charts');
    expect(await cloneFile(url, 'infrastructure/base/podinfo/helmrelease.yaml')).toContain(
      'kind: HelmRelease',
    );
    expect(await ensureDemoRepository(url, HOST, 'http://127.0.0.1:9/charts')).toBe(added);
    await ensureDemoRepository(url, HOST, 'http://127.0.0.1:10/charts');
    expect(await cloneFile(url, 'infrastructure/base/podinfo/helmrepository.yaml')).toContain(
      'url: http://127.0.0.1:10/charts',
    );
  });

  it('follows the Git server and the registry to new addresses with one commit, keeping the history', async () => {
    const url = await server.createRepository('moved');
    const first = await ensureDemoRepository(url, HOST);
    const other = url.replace('127.0.0.1', 'localhost');
    const second = await ensureDemoRepository(other, 'localhost:5001');
    expect(second).not.toBe(first);
    expect(await cloneFile(other, GOTK_SYNC_PATH)).toContain(`url: ${other}\n`);
    expect(await cloneFile(other, DEPLOYMENT_PATH)).toContain('image: localhost:5001/my-app:v1.0.0 #');
    expect(await cloneFile(other, IMAGE_AUTOMATION_PATH)).toContain('image: localhost:5001/my-app\n');
    const { stdout } = await run('git', ['ls-remote', '--', url]);
    expect(stdout).toContain(second);
  });
});

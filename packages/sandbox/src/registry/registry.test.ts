import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isPortFree } from '../ports.js';
import { ProcessSupervisor } from '../processes.js';
import { listTags } from './list-tags.js';
import { pushImageManifest } from './push-image.js';
import { startRegistry, type Registry } from './registry.js';
import { RegistryRequestError } from './registry-http.js';

const run = promisify(execFile);
let scratch: string;
const supervisor = new ProcessSupervisor();

/** Runs the real skopeo CLI against the plain-HTTP registry, with its state kept in the scratch dir. */
async function skopeo(args: string[]): Promise<string> {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: scratch, TMPDIR: scratch };
  const { stdout } = await run('skopeo', ['--insecure-policy', ...args], { env });
  return stdout;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tideline-registry-'));
});
afterAll(async () => {
  await supervisor.stopAll();
  await rm(scratch, { recursive: true, force: true });
});

describe('registry without auth', () => {
  let registry: Registry;
  beforeAll(async () => {
    registry = await startRegistry({
      dataDir: join(scratch, 'open'),
      supervisor,
      logFile: join(scratch, 'open.log'),
    });
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('accepts pushed images and lists their tags', async () => {
    expect(registry.host).toBe(`127.0.0.1:${registry.port}`);
    const first = await pushImageManifest({ host: registry.host, repository: 'team/app', tag: '1.0.0' });
    const second = await pushImageManifest({ host: registry.host, repository: 'team/app', tag: '1.1.0' });
    expect(first.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.digest).not.toBe(first.digest);
    expect(await listTags(registry.host, 'team/app')).toEqual(['1.0.0', '1.1.0']);
    const tagsList = (await (await fetch(`http://${registry.host}/v2/team/app/tags/list`)).json()) as {
      tags: string[];
    };
    expect(tagsList.tags.sort()).toEqual(['1.0.0', '1.1.0']);
  });

  it('stores an image skopeo can inspect and copy in full', async () => {
    const { digest } = await pushImageManifest({
      host: registry.host,
      repository: 'skopeo/check',
      tag: 'v1',
    });
    const inspected = JSON.parse(
      await skopeo(['inspect', '--tls-verify=false', `docker://${registry.host}/skopeo/check:v1`]),
    ) as { Digest: string; Os: string; Architecture: string; Layers: string[] };
    expect(inspected).toMatchObject({ Digest: digest, Os: 'linux', Architecture: 'amd64' });
    expect(inspected.Layers).toHaveLength(1);
    const layout = join(scratch, 'oci-layout');
    await skopeo([
      'copy',
      '--src-tls-verify=false',
      `docker://${registry.host}/skopeo/check:v1`,
      `oci:${layout}:v1`,
    ]);
    expect(await readdir(join(layout, 'blobs', 'sha256'))).toHaveLength(3);
  });

  it('lists no tags for a repository that does not exist', async () => {
    expect(await listTags(registry.host, 'nobody/here')).toEqual([]);
  });
});

describe('registry with htpasswd', () => {
  const auth = { username: 'flux', password: 'pa55:word with spaces' };
  let registry: Registry;
  beforeAll(async () => {
    registry = await startRegistry({
      dataDir: join(scratch, 'private'),
      htpasswd: auth,
      supervisor,
      logFile: join(scratch, 'private.log'),
    });
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('refuses anonymous and wrong-password requests with 401', async () => {
    await expect(
      pushImageManifest({ host: registry.host, repository: 'private/app', tag: '1.0.0' }),
    ).rejects.toMatchObject({
      status: 401,
    });
    const anonymous = await listTags(registry.host, 'private/app').catch((error: unknown) => error);
    expect(anonymous).toBeInstanceOf(RegistryRequestError);
    expect((anonymous as RegistryRequestError).status).toBe(401);
    const wrong = { username: auth.username, password: 'nope' };
    await expect(listTags(registry.host, 'private/app', wrong)).rejects.toMatchObject({ status: 401 });
  });

  it('accepts pushes and listings with the right credentials', async () => {
    const { digest } = await pushImageManifest({
      host: registry.host,
      repository: 'private/app',
      tag: '2.0.0',
      auth,
    });
    expect(await listTags(registry.host, 'private/app', auth)).toEqual(['2.0.0']);
    const inspected = JSON.parse(
      await skopeo([
        'inspect',
        '--tls-verify=false',
        '--creds',
        `${auth.username}:${auth.password}`,
        `docker://${registry.host}/private/app:2.0.0`,
      ]),
    ) as { Digest: string };
    expect(inspected.Digest).toBe(digest);
  });
});

describe('registry lifecycle', () => {
  it('stops its process, frees its port, and keeps images across a restart on the same port', async () => {
    const dataDir = join(scratch, 'restart');
    const logFile = join(scratch, 'restart.log');
    const first = await startRegistry({ dataDir, supervisor, logFile });
    await pushImageManifest({ host: first.host, repository: 'kept', tag: 'v1' });
    expect(isAlive(first.pid)).toBe(true);
    await first.stop();
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);
    expect(await isPortFree(first.port)).toBe(true);
    expect(supervisor.pids()).not.toContain(first.pid);

    const second = await startRegistry({ dataDir, supervisor, logFile, port: first.port });
    try {
      expect(second.port).toBe(first.port);
      expect(await listTags(second.host, 'kept')).toEqual(['v1']);
    } finally {
      await second.stop();
    }
    expect(isAlive(second.pid)).toBe(false);
  });

  it('reports a registry that cannot start', async () => {
    await expect(
      startRegistry({
        dataDir: join(scratch, 'broken'),
        supervisor,
        logFile: join(scratch, 'broken.log'),
        registryBin: '/bin/false',
        readyTimeoutMs: 5000,
      }),
    ).rejects.toThrow(/exited \(code 1\) before serving/);
  });
});

import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SOURCE_API_VERSION } from '../api/source-v1.js';
import type { ClusterFixture } from './cluster-fixture.js';
import { GitWorkTree } from './git-fixture.js';

const run = promisify(execFile);

/** A sandbox Git repository seeded with files, for an automation to push to. */
export interface AutomationRepo {
  url: string;
  /** The bare repository on the sandbox Git server (for hooks). */
  bareDir: string;
  work: GitWorkTree;
}

/** Creates repository `name` on the sandbox Git server with `files` committed on `main`. */
export async function seedRepository(
  fx: ClusterFixture,
  name: string,
  files: Record<string, string>,
): Promise<AutomationRepo> {
  const url = await fx.sandbox.createGitRepository(name);
  const work = new GitWorkTree(url);
  await work.commit(files, 'seed');
  return { url, bareDir: join(fx.sandbox.dir, 'git', `${name}.git`), work };
}

/** Creates GitRepository `name` in `default` following `branch` of `url`. */
export async function applyGitRepository(
  fx: ClusterFixture,
  name: string,
  url: string,
  spec: Record<string, unknown> = {},
): Promise<void> {
  await fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name, namespace: 'default' },
      spec: { url, interval: '10m', ref: { branch: 'main' }, ...spec },
    },
    { fieldManager: 'test' },
  );
}

/** Runs git in a throw-away clone of `url` at `branch`; the clone is removed afterwards. */
export async function inClone<T>(
  url: string,
  branch: string,
  fn: (dir: string, git: (...args: string[]) => Promise<string>) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tideline-clone-'));
  const git = async (...args: string[]): Promise<string> =>
    (await run('git', args, { cwd: dir, encoding: 'utf8' })).stdout;
  try {
    await run('git', ['clone', '-q', '--branch', branch, '--', url, dir]);
    return await fn(dir, git);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A file's content on `branch` of `url`. */
export function remoteFile(url: string, branch: string, path: string): Promise<string> {
  return inClone(url, branch, (_dir, git) => git('show', `HEAD:${path}`));
}

/** The commit `branch` points to on `url`, or '' when the branch does not exist. */
export async function remoteHead(url: string, branch: string): Promise<string> {
  const { stdout } = await run('git', ['ls-remote', '--', url, `refs/heads/${branch}`], { encoding: 'utf8' });
  return stdout.split('\t')[0] ?? '';
}

/** Installs an executable hook script in a bare repository (`pre-receive`, `update`). */
export async function installHook(bareDir: string, hook: string, script: string): Promise<void> {
  const path = join(bareDir, 'hooks', hook);
  await writeFile(path, script);
  await chmod(path, 0o755);
}

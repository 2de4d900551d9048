import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { demoRepositoryFiles, GOTK_SYNC_PATH, gotkSync } from './demo-files.js';

const run = promisify(execFile);

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'git',
    ['-c', 'user.name=Tideline', '-c', 'user.email=tideline@localhost', ...args],
    {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    },
  );
  return stdout.trim();
}

/**
 * Seeds the demo repository on first use and otherwise leaves it alone (user commits
 * survive), except for the sync URL, which follows the sandbox Git server if its address
 * changed. Resolves the HEAD commit of `main`.
 */
export async function ensureDemoRepository(cloneUrl: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'tideline-demo-'));
  try {
    const heads = await git(work, 'ls-remote', '--heads', '--', cloneUrl, 'main');
    if (heads === '') {
      await git(work, 'init', '-q', '-b', 'main');
      await writeFiles(work, demoRepositoryFiles(cloneUrl));
      await git(work, 'add', '-A');
      await git(work, 'commit', '-q', '-m', 'Add the Tideline demo: flux-system sync and my-app');
      await git(work, 'push', '-q', cloneUrl, 'main');
    } else {
      await git(work, 'clone', '-q', '--depth=1', '--branch', 'main', '--', cloneUrl, 'repo');
      const repo = join(work, 'repo');
      const syncFile = join(repo, GOTK_SYNC_PATH);
      if (existsSync(syncFile) && !readFileSync(syncFile, 'utf8').includes(`url: ${cloneUrl}\n`)) {
        await writeFile(syncFile, gotkSync(cloneUrl));
        await git(repo, 'commit', '-q', '-am', 'Point flux-system at the sandbox Git server');
        await git(repo, 'push', '-q', 'origin', 'main');
      }
    }
    const line = await git(work, 'ls-remote', '--heads', '--', cloneUrl, 'main');
    return line.split('\t')[0] ?? '';
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

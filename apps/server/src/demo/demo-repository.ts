import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import {
  CHART_REPOSITORY_PATH,
  demoRepositoryFiles,
  helmRepository,
  infrastructureFiles,
} from './demo-files.js';
import { retargetDemo } from './demo-retarget.js';

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
 * survive), except for what {@link retargetDemo} brings up to date (the sync URL and the
 * image follow the sandbox Git server and registry if their addresses changed), the chart
 * repository URL, which follows the sandbox too, and the infrastructure part, added once to
 * repositories seeded before it existed. Resolves the HEAD commit of `main`.
 */
export async function ensureDemoRepository(
  cloneUrl: string,
  registryHost: string,
  chartRepoUrl?: string,
): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'tideline-demo-'));
  try {
    const heads = await git(work, 'ls-remote', '--heads', '--', cloneUrl, 'main');
    if (heads === '') {
      await git(work, 'init', '-q', '-b', 'main');
      await writeFiles(work, demoRepositoryFiles(cloneUrl, registryHost, chartRepoUrl));
      await git(work, 'add', '-A');
      await git(work, 'commit', '-q', '-m', 'Add the Tideline demo: flux-system sync and my-app');
      await git(work, 'push', '-q', cloneUrl, 'main');
    } else {
      await git(work, 'clone', '-q', '--depth=1', '--branch', 'main', '--', cloneUrl, 'repo');
      const repo = join(work, 'repo');
      const read = (path: string): string | undefined =>
        existsSync(join(repo, path)) ? readFileSync(join(repo, path), 'utf8') : undefined;
      const update = retargetDemo(read, cloneUrl, registryHost);
      if (update) {
        await writeFiles(repo, update.files);
        await git(repo, 'add', '-A');
        await git(repo, 'commit', '-q', '-m', update.message);
        await git(repo, 'push', '-q', 'origin', 'main');
      }
      if (chartRepoUrl) await ensureInfrastructure(repo, chartRepoUrl);
    }
    const line = await git(work, 'ls-remote', '--heads', '--', cloneUrl, 'main');
    return line.split('\t')[0] ?? '';
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Adds the infrastructure part once, or points its HelmRepository at the chart repository's new address. */
async function ensureInfrastructure(repo: string, chartRepoUrl: string): Promise<void> {
  const file = join(repo, CHART_REPOSITORY_PATH);
  if (!existsSync(file)) {
    await writeFiles(repo, infrastructureFiles(chartRepoUrl));
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-q', '-m', 'Add the infrastructure: podinfo from the sandbox Helm repository');
  } else if (!readFileSync(file, 'utf8').includes(`url: ${chartRepoUrl}\n`)) {
    await writeFile(file, helmRepository(chartRepoUrl));
    await git(
      repo,
      'commit',
      '-q',
      '-am',
      'Point the podinfo HelmRepository at the sandbox chart repository',
    );
  } else return;
  await git(repo, 'push', '-q', 'origin', 'main');
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

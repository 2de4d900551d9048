import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The CLI tests' app: one ConfigMap `default/cli-demo`, committed with the message `apps`. */
export const APPS_FILES: Readonly<Record<string, string>> = {
  'cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cli-demo\n  namespace: default\ndata:\n  a: b\n',
};

/**
 * Commits files (path → text) to a new repository under `work`, pushes `main` to `remote`,
 * and resolves the commit (the CLI integration files' shared Git setup).
 */
export async function pushFiles(
  work: string,
  remote: string,
  files: Record<string, string>,
): Promise<string> {
  const dir = mkdtempSync(join(work, 'repo-'));
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
  await git('init', '-q', '-b', 'main');
  await git('remote', 'add', 'origin', remote);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  await git('add', '-A');
  await git('commit', '-q', '-m', 'apps');
  await git('push', '-q', 'origin', 'main');
  return (await git('rev-parse', 'HEAD')).stdout.trim();
}

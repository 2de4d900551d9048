import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { normalizeRepositoryName } from './repository-name.js';

const run = promisify(execFile);

/**
 * Makes (or reuses) the bare repository `<root>/<name>.git` with default branch `main`,
 * accepting pushes over HTTP (`http.receivepack=true`). Returns the normalized name.
 */
export async function ensureBareRepository(root: string, name: string): Promise<string> {
  const normalized = normalizeRepositoryName(name);
  const dir = join(root, `${normalized}.git`);
  if (!existsSync(join(dir, 'HEAD'))) {
    await mkdir(dir, { recursive: true });
    await run('git', ['init', '--quiet', '--bare', '-b', 'main', dir]);
  }
  await run('git', ['--git-dir', dir, 'config', 'http.receivepack', 'true']);
  return normalized;
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit, type GitOptions } from './git-runner.js';

/** A sparse-checkout directory as Flux hands it to go-git: any leading `./` removed. Pure. */
export function sparseDirectory(dir: string): string {
  return dir.startsWith('./') ? dir.slice(2) : dir;
}

/**
 * Non-cone sparse-checkout patterns that select what go-git's `Index.SkipUnless` keeps: every
 * path that *starts with* one of the directories as a string (so `app` also keeps `apps/` and
 * `app.yaml`, as in Flux). `/<dir>*` anchors at the root, and a matched directory brings its
 * whole content; glob characters in names are escaped. Pure.
 */
export function sparsePatterns(dirs: readonly string[]): string {
  const escape = (text: string): string => text.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
  return dirs.map((d) => `/${escape(sparseDirectory(d))}*\n`).join('');
}

/** Turns on sparse checkout in the fresh repository at `dir`, before anything is checked out. */
export async function enableSparseCheckout(
  dir: string,
  dirs: readonly string[],
  options: GitOptions,
): Promise<void> {
  await runGit(['config', 'core.sparseCheckout', 'true'], { ...options, cwd: dir });
  await runGit(['config', 'core.sparseCheckoutCone', 'false'], { ...options, cwd: dir });
  // Repositories are made without templates, so `info/` does not exist yet.
  await mkdir(join(dir, '.git', 'info'), { recursive: true });
  await writeFile(join(dir, '.git', 'info', 'sparse-checkout'), sparsePatterns(dirs));
}

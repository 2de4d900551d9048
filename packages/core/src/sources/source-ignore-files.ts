import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IgnorePattern } from './ignore-pattern.js';
import { IGNORE_FILE, readIgnorePatterns } from './source-ignore.js';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * fluxcd/pkg `LoadIgnorePatterns`: the `.sourceignore` of `dir`, then those of its
 * subdirectories (name order, depth first, `.git` skipped, symlinks not followed), each scoped
 * to its own directory. Later patterns take priority.
 */
export async function loadIgnorePatterns(
  root: string,
  domain: readonly string[] = [],
): Promise<IgnorePattern[]> {
  const dir = join(root, ...domain);
  const patterns: IgnorePattern[] = [];
  try {
    patterns.push(...readIgnorePatterns(await readFile(join(dir, IGNORE_FILE), 'utf8'), domain));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.isDirectory() && entry.name !== '.git')
      patterns.push(...(await loadIgnorePatterns(root, [...domain, entry.name])));
  }
  return patterns;
}

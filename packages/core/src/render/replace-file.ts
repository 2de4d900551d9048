import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes `path` as a new file (temp + rename) instead of overwriting it in place: build trees
 * are hard links into shared unpacked artifacts, so an in-place write would change every copy.
 */
export async function replaceFile(path: string, content: string, mode?: number): Promise<void> {
  const tmp = `${path}.tideline-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, content, mode === undefined ? undefined : { mode });
  await rename(tmp, path);
}

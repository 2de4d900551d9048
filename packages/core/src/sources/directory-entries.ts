import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isExcludedByDefault } from './default-ignore.js';
import type { TarEntry } from './tar-writer.js';

/** Caps on what one artifact may contain. */
export interface PackLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

/** Default pack caps. */
export const DEFAULT_PACK_LIMITS: PackLimits = { maxFileBytes: 100 * 1024 * 1024, maxTotalBytes: 500 * 1024 * 1024 };

/**
 * Collects the regular files and directories under `root` for an artifact. Symlinks and
 * other non-regular files are skipped (so nothing outside the root can leak in), as are
 * Flux's default exclusions. Throws when a cap is exceeded.
 */
export async function directoryEntries(root: string, limits: PackLimits = DEFAULT_PACK_LIMITS): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  let total = 0;
  const walk = async (dir: string, rel: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const full = join(dir, name);
      const info = await lstat(full);
      if (info.isDirectory()) {
        if (isExcludedByDefault(path, true)) continue;
        out.push({ path, type: 'dir' });
        await walk(full, path);
      } else if (info.isFile()) {
        if (isExcludedByDefault(path, false)) continue;
        if (info.size > limits.maxFileBytes) {
          throw new Error(`file '${path}' is ${info.size} bytes, over the ${limits.maxFileBytes} byte limit`);
        }
        total += info.size;
        if (total > limits.maxTotalBytes) throw new Error(`source is larger than the ${limits.maxTotalBytes} byte limit`);
        out.push({ path, type: 'file', executable: (info.mode & 0o100) !== 0, data: await readFile(full) });
      }
    }
  };
  await walk(root, '');
  return out;
}

import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceIgnoreFilter, type ExcludeFilter } from './source-ignore.js';
import type { StreamedTarEntry } from './tar-stream.js';
import type { TarEntry } from './tar-writer.js';

/** Caps on what one artifact may contain. */
export interface PackLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

/** Default pack caps, for artifacts packed in memory. */
export const DEFAULT_PACK_LIMITS: PackLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxTotalBytes: 500 * 1024 * 1024,
};

/**
 * Caps for artifacts streamed from disk (`writeTarGzFile`): memory no longer bounds them, so
 * only a runaway repository is refused. Flux sets no cap at all on Git sources.
 */
export const STREAMED_PACK_LIMITS: PackLimits = {
  maxFileBytes: 2 * 1024 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
};

/** Which paths to leave out, and whether an excluded directory may be skipped whole. */
export interface EntryFilter {
  exclude: ExcludeFilter;
  /** False when a pattern could re-include something below an excluded directory. */
  skipExcludedDirs: boolean;
}

const DEFAULT_FILTER: EntryFilter = { exclude: sourceIgnoreFilter([]), skipExcludedDirs: true };

/**
 * Lists the regular files and directories under `root` for an artifact, without reading
 * them. Symlinks and other non-regular files are skipped (so nothing outside the root can
 * leak in), as Flux's archiver skips them. Like that archiver, each path is filtered on its
 * own: an excluded directory loses its entry, yet a file below it that a `!` pattern
 * re-includes still goes in. Throws when a cap is exceeded.
 */
export async function directoryListing(
  root: string,
  limits: PackLimits = DEFAULT_PACK_LIMITS,
  filter: EntryFilter = DEFAULT_FILTER,
): Promise<StreamedTarEntry[]> {
  const out: StreamedTarEntry[] = [];
  let total = 0;
  const walk = async (dir: string, rel: string[]): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const parts = [...rel, name];
      const path = parts.join('/');
      const full = join(dir, name);
      const info = await lstat(full);
      if (info.isDirectory()) {
        const excluded = filter.exclude(parts, true);
        if (!excluded) out.push({ path, type: 'dir' });
        if (!excluded || !filter.skipExcludedDirs) await walk(full, parts);
      } else if (info.isFile()) {
        if (filter.exclude(parts, false)) continue;
        if (info.size > limits.maxFileBytes) {
          throw new Error(`file '${path}' is ${info.size} bytes, over the ${limits.maxFileBytes} byte limit`);
        }
        total += info.size;
        if (total > limits.maxTotalBytes)
          throw new Error(`source is larger than the ${limits.maxTotalBytes} byte limit`);
        out.push({
          path,
          type: 'file',
          executable: (info.mode & 0o100) !== 0,
          source: full,
          size: info.size,
        });
      }
    }
  };
  await walk(root, []);
  return out;
}

/** {@link directoryListing} with every file read into memory, for `packTarGz`. */
export async function directoryEntries(
  root: string,
  limits: PackLimits = DEFAULT_PACK_LIMITS,
  filter: EntryFilter = DEFAULT_FILTER,
): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  for (const { path, type, executable, source } of await directoryListing(root, limits, filter)) {
    out.push(
      type === 'file' && source ? { path, type, executable, data: await readFile(source) } : { path, type },
    );
  }
  return out;
}

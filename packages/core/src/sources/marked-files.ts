import { lstat, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';

/** Bounds on what the setters read. */
export interface MarkedFileLimits {
  /** Largest file read (default 5 MiB, Flux's per-file cap elsewhere); bigger ones are problem files. */
  maxFileBytes: number;
  /** Most files visited (default 20,000). */
  maxFiles: number;
}

/** Default {@link MarkedFileLimits}. */
export const DEFAULT_MARKED_FILE_LIMITS: MarkedFileLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 20_000,
};

/** A path outside the repository, or a walk that cannot be done (Flux: `UpdateFailed`). */
export class UpdatePathError extends Error {
  override readonly name = 'UpdatePathError';
}

/** A file holding the marker token, read for the setters. */
export interface MarkedFile {
  /** Relative to the walked root, `/`-separated. */
  path: string;
  text: string;
}

const within = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..');
};

/**
 * The directory `update.path` names inside the checkout, confined: `..` that leaves the
 * repository, an absolute path out of it, or a symlink (anywhere on the way) that resolves
 * outside it are refused. Flux clamps such paths to the root (securejoin); Tideline refuses them,
 * so an automation never edits files its author did not point at.
 */
export async function confinedUpdatePath(repoRoot: string, updatePath: string | undefined): Promise<string> {
  const root = await realpath(repoRoot);
  if (!updatePath) return root;
  const joined = resolve(root, updatePath.replace(/^\/+/, ''));
  if (!within(root, joined))
    throw new UpdatePathError(`update path '${updatePath}' points outside the repository`);
  let real: string;
  try {
    real = await realpath(joined);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UpdatePathError(
      `walking path for files: lstat ${joined}: ${code === 'ENOENT' ? 'no such file or directory' : code}`,
    );
  }
  if (!within(root, real))
    throw new UpdatePathError(
      `update path '${updatePath}' resolves through a symlink outside the repository`,
    );
  return real;
}

function considered(path: string): boolean {
  const ext = extname(path);
  return ext === '.yaml' || ext === '.yml' || basename(path) === 'Kustomization';
}

/**
 * Flux's `ScreeningLocalReader`: every regular `.yaml`/`.yml`/`Kustomization` file under `root`
 * whose bytes hold `token`. Symlinks — to files or directories — are never followed or read, so
 * nothing outside the repository can be reached. Oversized files are reported as problems.
 */
export async function readMarkedFiles(
  root: string,
  token: string,
  limits: MarkedFileLimits = DEFAULT_MARKED_FILE_LIMITS,
): Promise<{ files: MarkedFile[]; problems: string[] }> {
  const files: MarkedFile[] = [];
  const problems: string[] = [];
  let visited = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(full);
        continue;
      }
      if (!entry.isFile() || !considered(full)) continue;
      if (++visited > limits.maxFiles)
        throw new UpdatePathError(`walking path for files: more than ${limits.maxFiles} files`);
      const rel = relative(root, full).split(sep).join('/');
      if ((await lstat(full)).size > limits.maxFileBytes) {
        problems.push(rel);
        continue;
      }
      const bytes = await readFile(full);
      if (!bytes.includes(token)) continue;
      files.push({ path: rel, text: bytes.toString('utf8') });
    }
  };
  await walk(root);
  return { files, problems };
}

/** Writes a file the setters changed, only if it is still a regular file under `root`. */
export async function writeMarkedFile(root: string, path: string, text: string): Promise<void> {
  const full = resolve(root, path);
  if (!within(root, full)) throw new UpdatePathError(`refusing to write '${path}' outside the update path`);
  const stat = await lstat(full);
  if (!stat.isFile()) throw new UpdatePathError(`refusing to write '${path}': not a regular file`);
  await writeFile(full, text);
}

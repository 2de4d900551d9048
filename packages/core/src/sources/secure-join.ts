import { relative, resolve, sep } from 'node:path';

/** Joins `path` under `root`, refusing anything that would leave it. Pure. */
export function secureJoin(root: string, path: string): string {
  const full = resolve(root, path.replace(/^\/+/, ''));
  const rel = relative(root, full);
  if (rel === '..' || rel.startsWith(`..${sep}`))
    throw new Error(`path '${path}' points outside the artifact`);
  return full;
}

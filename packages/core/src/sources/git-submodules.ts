import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { cloneError, runGit, type GitOptions } from './git-runner.js';

/** How deep nested submodules are followed when this code walks the levels itself. */
const MAX_SUBMODULE_DEPTH = 8;

/**
 * Where the credentials of `url` may also go for submodules: the same scheme, host and port.
 * Flux hands its auth to every submodule; we keep it on the parent's server. Pure.
 */
export function submoduleCredentialScope(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/`;
}

/** One `.gitmodules` entry. */
export interface SubmoduleEntry {
  name: string;
  path?: string;
  url?: string;
}

/** Parses `git config -z --get-regexp` output of a `.gitmodules` file (`key\nvalue\0`…). Pure. */
export function parseSubmoduleConfig(output: string): SubmoduleEntry[] {
  const byName = new Map<string, SubmoduleEntry>();
  for (const record of output.split('\0')) {
    const newline = record.indexOf('\n');
    if (newline < 0) continue;
    const key = record.slice(0, newline);
    const match = /^submodule\.(.+)\.(path|url)$/.exec(key);
    if (!match?.[1] || !match[2]) continue;
    const entry = byName.get(match[1]) ?? { name: match[1] };
    entry[match[2] as 'path' | 'url'] = record.slice(newline + 1);
    byName.set(match[1], entry);
  }
  return [...byName.values()];
}

/** The URL git contacts for a submodule: a relative one lives on the parent's server. Pure. */
export function submoduleContact(parentUrl: string, url: string): string {
  return url.startsWith('./') || url.startsWith('../') ? parentUrl : url;
}

/**
 * With an address policy: one level at a time, each level's submodule URLs checked and pinned
 * before git fetches them (`--recursive` would reach nested hosts nobody checked).
 */
async function updateLevel(dir: string, url: string, options: GitOptions, depth: number): Promise<void> {
  if (!existsSync(join(dir, '.gitmodules'))) return;
  if (depth >= MAX_SUBMODULE_DEPTH)
    throw new Error(`submodules nested deeper than ${MAX_SUBMODULE_DEPTH} levels`);
  const config = await runGit(
    ['config', '-z', '--file', '.gitmodules', '--get-regexp', '^submodule\\..*\\.(path|url)$'],
    { ...options, cwd: dir },
  ).catch(() => '');
  const entries = parseSubmoduleConfig(config);
  await runGit(['submodule', 'update', '--init', '--depth=1', '--jobs=1', '--'], {
    ...options,
    cwd: dir,
    remote: submoduleCredentialScope(url),
    contacts: entries.map((e) => submoduleContact(url, e.url ?? '')).filter(Boolean),
  });
  for (const entry of entries) {
    if (!entry.path) continue;
    const sub = join(dir, entry.path);
    const rel = relative(dir, sub);
    // Only checked-out submodules inside this tree (a `.git` file), never a path .gitmodules invents.
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !existsSync(join(sub, '.git'))) continue;
    const subUrl = (await runGit(['config', 'remote.origin.url'], { ...options, cwd: sub })).trim();
    await updateLevel(sub, subUrl, options, depth + 1);
  }
}

/**
 * Checks out the submodules of the commit checked out at `dir`, recursively and shallowly, with
 * the parent's credentials (scoped to its server). Relative submodule URLs resolve against
 * `url`, as they do against a clone's origin. Only http(s) and ssh are allowed: the safe config
 * of every git call forbids `file://` and `ext::`, which would let `.gitmodules` read the disk.
 */
export async function updateSubmodules(dir: string, url: string, options: GitOptions): Promise<void> {
  await runGit(['config', 'remote.origin.url', url], { ...options, cwd: dir });
  try {
    if (options.addressPolicy) {
      await updateLevel(dir, url, options, 0);
      return;
    }
    await runGit(['submodule', 'update', '--init', '--recursive', '--depth=1', '--jobs=1', '--'], {
      ...options,
      cwd: dir,
      remote: submoduleCredentialScope(url),
    });
  } catch (error) {
    throw cloneError(url, error);
  }
}

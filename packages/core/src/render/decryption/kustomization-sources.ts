import { existsSync } from 'node:fs';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { KUSTOMIZATION_FILES } from '../kustomization-file.js';
import { jsonRecords, jsonStrings } from '../go-json-field.js';
import { formatForPath, type SopsFormat } from '../sops/formats.js';

/** A file kustomize will read that kustomize-controller decrypts first, with the format to read it as. */
export interface EncryptedSource {
  /** Absolute path, inside the root. */
  path: string;
  format: SopsFormat;
}

/** Cap on one kustomization file read while looking for sources. */
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

const inside = (root: string, p: string): boolean => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
};

/** Flux's `isRemoteURL`: a scheme and a host. Pure. */
function isRemoteUrl(path: string): boolean {
  try {
    const u = new URL(path);
    return u.protocol !== '' && u.host !== '';
  } catch {
    return false;
  }
}

async function loadKustomization(dir: string): Promise<Record<string, unknown>> {
  const found: string[] = [];
  for (const name of KUSTOMIZATION_FILES) {
    const st = await lstat(join(dir, name)).catch(() => undefined);
    if (!st) continue;
    if (!st.isFile()) throw new Error(`expected ${name} to be a regular file`);
    found.push(join(dir, name));
  }
  if (found.length > 1) throw new Error('found multiple kustomization files');
  const [file] = found;
  if (!file) throw new Error('no kustomization file found');
  const text = await readFile(file, 'utf8');
  if (text.length > MAX_KUSTOMIZATION_BYTES) throw new Error('kustomization file exceeds 1 MiB');
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new Error(
      `failed to unmarshal kustomization file from '${basename(file)}': ${(error as Error).message}`,
    );
  }
  return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
}

/** The sources of one kustomization file Flux decrypts: secretGenerator files and envs, patch files. */
function sourcesOf(kus: Record<string, unknown>): { path: string; format: SopsFormat }[] {
  const out: { path: string; format: SopsFormat }[] = [];
  for (const gen of jsonRecords(kus, 'secretGenerator')) {
    for (const src of jsonStrings(gen, 'files')) {
      const eq = src.indexOf('=');
      const key = eq === -1 ? src : src.slice(0, eq);
      out.push({ path: eq === -1 ? src : src.slice(eq + 1), format: formatForPath(key) });
    }
    for (const env of jsonStrings(gen, 'envs')) {
      const f = formatForPath(env);
      out.push({ path: env, format: f === 'binary' ? 'dotenv' : f });
    }
  }
  for (const patch of jsonRecords(kus, 'patches')) {
    for (const path of jsonStrings(patch, 'path'))
      if (path !== '' && !isRemoteUrl(path)) out.push({ path, format: formatForPath(path) });
  }
  return out;
}

/**
 * kustomize-controller's `DecryptSources` walk: from the build directory through `resources` and
 * `components` directories (files, missing paths and URLs are dead ends, as in Flux), collect the
 * secretGenerator `files`/`envs` and the `patches` files of every kustomization — the set Flux
 * decrypts before kustomize runs. Only secretGenerator: a configMapGenerator source is decrypted
 * only when a secretGenerator names the same file. Paths stay inside `root` (real paths).
 */
export async function encryptedSourceCandidates(root: string, dir: string): Promise<EncryptedSource[]> {
  const realRoot = await realpath(root);
  const visited = new Set<string>();
  const found = new Map<string, EncryptedSource>();
  const visit = async (path: string): Promise<void> => {
    const real = await realpath(path).catch(() => undefined);
    if (!real || !inside(realRoot, real) || visited.has(real)) return;
    visited.add(real);
    const st = await lstat(real);
    if (!st.isDirectory()) return;
    const kus = await loadKustomization(real);
    for (const src of sourcesOf(kus)) {
      const full = resolve(real, src.path);
      const target = await realpath(full).catch(() => full);
      if (!inside(realRoot, target)) throw new Error(`path '${src.path}' points outside the artifact`);
      if (!found.has(target)) found.set(target, { path: target, format: src.format });
    }
    for (const res of [...jsonStrings(kus, 'resources'), ...jsonStrings(kus, 'components')])
      await visit(resolve(real, res));
  };
  // A plain directory (no kustomization file: nothing generated, nothing patched) has no sources.
  if (!KUSTOMIZATION_FILES.some((f) => existsSync(join(dir, f)))) return [];
  await visit(dir);
  return [...found.values()];
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Artifact } from '../api/meta.js';

/** sha256 digest in Flux's `<algo>:<hex>` form. */
export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** `<kind>/<namespace>/<name>/<file>` with a lower-case kind, as Flux lays out storage. Pure. */
export function artifactPath(kind: string, namespace: string, name: string, file: string): string {
  return `${kind.toLowerCase()}/${namespace}/${name}/${file}`;
}

/**
 * The local artifact cache: content-addressed tar.gz files under one root, served over HTTP
 * by {@link startArtifactServer}. Writes are atomic; old artifacts are garbage-collected.
 */
export class ArtifactStore {
  constructor(
    readonly root: string,
    /** Base URL the artifact server is reachable at, e.g. `http://127.0.0.1:9090`. */
    public baseUrl: string,
    private readonly retain = 2,
  ) {}

  /** Absolute file path for a storage path, refusing anything outside the root. */
  resolve(path: string): string {
    const full = resolve(this.root, path);
    if (full !== this.root && !full.startsWith(this.root + sep)) throw new Error(`artifact path '${path}' escapes the storage root`);
    return full;
  }

  /** Stores bytes as an artifact and describes it as `status.artifact`. */
  async store(path: string, data: Buffer, revision: string, now = new Date()): Promise<Artifact> {
    const full = this.resolve(path);
    await mkdir(dirname(full), { recursive: true });
    const tmp = `${full}.tmp-${process.pid}`;
    await writeFile(tmp, data);
    await rename(tmp, full);
    return {
      path,
      url: `${this.baseUrl}/${path}`,
      revision,
      digest: sha256Digest(data),
      lastUpdateTime: `${now.toISOString().slice(0, 19)}Z`,
      size: data.length,
    };
  }

  /** Whether the artifact file exists and still matches its digest. */
  async verify(artifact: Artifact): Promise<boolean> {
    try {
      const data = await readFile(this.resolve(artifact.path));
      return sha256Digest(data) === artifact.digest;
    } catch {
      return false;
    }
  }

  /** The artifact with its URL pointing at this store's current address. */
  withCurrentUrl(artifact: Artifact): Artifact {
    return { ...artifact, url: `${this.baseUrl}/${artifact.path}` };
  }

  /** Keeps the current artifact and the newest others up to the retention count. */
  async garbageCollect(current: Artifact): Promise<void> {
    const dir = dirname(this.resolve(current.path));
    if (!existsSync(dir)) return;
    const files = await readdir(dir);
    const others = await Promise.all(
      files
        .filter((f) => join(dir, f) !== this.resolve(current.path) && !f.includes('.tmp-'))
        .map(async (f) => ({ f, mtime: (await stat(join(dir, f))).mtimeMs })),
    );
    others.sort((a, b) => b.mtime - a.mtime);
    for (const { f } of others.slice(Math.max(0, this.retain - 1))) await rm(join(dir, f), { force: true });
  }

  /** Removes every artifact of an object (on deletion). */
  async removeAll(kind: string, namespace: string, name: string): Promise<void> {
    await rm(this.resolve(`${kind.toLowerCase()}/${namespace}/${name}`), { recursive: true, force: true });
  }
}

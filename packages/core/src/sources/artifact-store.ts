import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Artifact } from '../api/meta.js';
import {
  DEFAULT_RETENTION,
  garbageFiles,
  type RetentionPolicy,
  type StoredFile,
} from './artifact-retention.js';
import type { WrittenArchive } from './tar-stream.js';

/** sha256 digest in Flux's `<algo>:<hex>` form. */
export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** `<kind>/<namespace>/<name>/<file>` with a lower-case kind, as Flux lays out storage. Pure. */
export function artifactPath(kind: string, namespace: string, name: string, file: string): string {
  return `${kind.toLowerCase()}/${namespace}/${name}/${file}`;
}

/** sha256 of a file, read as a stream (artifacts can be far larger than we want in memory). */
async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

const isTemporary = (file: string): boolean => file.includes('.tmp-');

/**
 * The local artifact cache: content-addressed tar.gz files under one root, served over HTTP
 * by {@link startArtifactServer}. Writes are atomic; old artifacts are garbage-collected by
 * Flux's retention rule.
 */
export class ArtifactStore {
  constructor(
    readonly root: string,
    /** Base URL the artifact server is reachable at, e.g. `http://127.0.0.1:9090`. */
    public baseUrl: string,
    private readonly retention: RetentionPolicy = DEFAULT_RETENTION,
  ) {}

  /** Absolute file path for a storage path, refusing anything outside the root. */
  resolve(path: string): string {
    const full = resolve(this.root, path);
    if (full !== this.root && !full.startsWith(this.root + sep))
      throw new Error(`artifact path '${path}' escapes the storage root`);
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

  /**
   * Stores an artifact that `write` produces at a temporary path beside its final place (so
   * large archives are streamed to disk, never held in memory), then moves it in atomically.
   */
  async storeWritten(
    path: string,
    write: (tmp: string) => Promise<WrittenArchive>,
    revision: string,
    now = new Date(),
  ): Promise<Artifact> {
    const full = this.resolve(path);
    await mkdir(dirname(full), { recursive: true });
    const tmp = `${full}.tmp-${process.pid}-${now.getTime()}`;
    try {
      const { digest, size } = await write(tmp);
      await rename(tmp, full);
      return {
        path,
        url: `${this.baseUrl}/${path}`,
        revision,
        digest,
        lastUpdateTime: `${now.toISOString().slice(0, 19)}Z`,
        size,
      };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Whether the artifact file exists and still matches its digest (read as a stream). */
  async verify(artifact: Artifact): Promise<boolean> {
    try {
      return (await fileDigest(this.resolve(artifact.path))) === artifact.digest;
    } catch {
      return false;
    }
  }

  /** The artifact with its URL pointing at this store's current address. */
  withCurrentUrl(artifact: Artifact): Artifact {
    return { ...artifact, url: `${this.baseUrl}/${artifact.path}` };
  }

  /**
   * Where a consumer fetches a source's artifact: from this engine's server when this store holds
   * the file (its port and secret may be newer than the status URL's), else the status URL, which
   * names the artifact server of the engine that stored it — a source of another shard.
   */
  fetchUrl(artifact: Pick<Artifact, 'path' | 'url'>): string {
    let local = false;
    try {
      local = existsSync(this.resolve(artifact.path));
    } catch {
      // A path outside the root is never ours; the status URL is what Flux would fetch.
    }
    return local ? `${this.baseUrl}/${artifact.path}` : artifact.url;
  }

  /**
   * Deletes the object's old artifacts by Flux's retention rule (`--artifact-retention-ttl`,
   * `--artifact-retention-records`), never `current`; resolves the storage paths deleted.
   * Flux runs this at the start of each reconcile, against the artifact in status.
   */
  async garbageCollect(current: Artifact, now = Date.now()): Promise<string[]> {
    const currentFile = this.resolve(current.path);
    const dir = dirname(currentFile);
    if (!existsSync(dir)) return [];
    const files: StoredFile[] = [];
    for (const name of await readdir(dir)) {
      if (isTemporary(name)) continue;
      const info = await stat(join(dir, name));
      if (info.isFile()) files.push({ path: join(dir, name), modifiedMs: info.mtimeMs });
    }
    const deleted: string[] = [];
    for (const file of garbageFiles(files, currentFile, this.retention, now)) {
      await rm(file, { force: true });
      await rm(`${file}.lock`, { force: true });
      deleted.push(join(dirname(current.path), file.slice(dir.length + 1)));
    }
    return deleted;
  }

  /** Removes every artifact of an object (on deletion). */
  async removeAll(kind: string, namespace: string, name: string): Promise<void> {
    await rm(this.resolve(`${kind.toLowerCase()}/${namespace}/${name}`), { recursive: true, force: true });
  }
}

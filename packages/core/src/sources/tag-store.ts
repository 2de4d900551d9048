import { open, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bounds of the tag store: a list beyond them is refused, never truncated. */
export interface TagStoreLimits {
  /** Most tags kept per ImageRepository (default 100,000: the OCI client's 100 pages of 1,000). */
  maxTags: number;
  /** Largest stored file read back (default 16 MiB). */
  maxBytes: number;
}

/** Default {@link TagStoreLimits}. */
export const DEFAULT_TAG_STORE_LIMITS: TagStoreLimits = { maxTags: 100_000, maxBytes: 16 * 1024 * 1024 };

/** What is stored for one ImageRepository. */
export interface StoredTags {
  /** The canonical image name the tags were listed from. */
  canonicalImageName: string;
  /** The tags, in reverse byte order (as image-reflector-controller stores them). */
  tags: string[];
}

/** A tag list the store refuses (too many, too big, unreadable). */
export class TagStoreError extends Error {
  override readonly name = 'TagStoreError';
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The scanned tags of every ImageRepository, on the engine's disk and never in the cluster
 * (image-reflector-controller keeps them in its own database for the same reason: a tag list
 * can be large). One `imagerepository/<namespace>/<name>/tags.json` each, written atomically
 * (temporary file, then rename), so a crash leaves the old list or the new one, and a restart
 * reads them back.
 */
export class TagStore {
  constructor(
    private readonly root: string,
    private readonly limits: TagStoreLimits = DEFAULT_TAG_STORE_LIMITS,
  ) {}

  private dir(namespace: string, name: string): string {
    // Kubernetes names never hold `/` or `..`; checked anyway, as the path is built from them.
    if (!NAME.test(namespace) || !NAME.test(name))
      throw new TagStoreError(`invalid object name '${namespace}/${name}'`);
    return join(this.root, 'imagerepository', namespace, name);
  }

  /** Replaces the stored list; refuses one over the tag cap. */
  async write(namespace: string, name: string, stored: StoredTags): Promise<void> {
    if (stored.tags.length > this.limits.maxTags)
      throw new TagStoreError(
        `${stored.tags.length} tags exceed the maximum of ${this.limits.maxTags} kept per image repository`,
      );
    const dir = this.dir(namespace, name);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.tags.${process.pid}.${Date.now()}.tmp`);
    await writeFile(tmp, JSON.stringify(stored), { mode: 0o600 });
    await rename(tmp, join(dir, 'tags.json'));
  }

  /** The stored list, or undefined when there is none (or it was written for another image). */
  async read(namespace: string, name: string, canonicalImageName?: string): Promise<StoredTags | undefined> {
    const path = join(this.dir(namespace, name), 'tags.json');
    let text: string;
    try {
      const handle = await open(path, 'r');
      try {
        const { size } = await handle.stat();
        if (size > this.limits.maxBytes)
          throw new TagStoreError(`stored tag list of ${size} bytes exceeds ${this.limits.maxBytes} bytes`);
        text = (await handle.readFile()).toString('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let parsed: StoredTags;
    try {
      parsed = JSON.parse(text) as StoredTags;
    } catch {
      throw new TagStoreError(`stored tag list of ${namespace}/${name} is not valid JSON`);
    }
    if (!Array.isArray(parsed.tags) || typeof parsed.canonicalImageName !== 'string')
      throw new TagStoreError(`stored tag list of ${namespace}/${name} is malformed`);
    if (canonicalImageName !== undefined && parsed.canonicalImageName !== canonicalImageName)
      return undefined;
    return parsed;
  }

  /** Forgets an ImageRepository's tags (on its deletion). */
  async remove(namespace: string, name: string): Promise<void> {
    await rm(this.dir(namespace, name), { recursive: true, force: true });
  }
}

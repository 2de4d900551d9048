import { rmSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from '../../render/subprocess.js';
import { unpackArtifact } from '../../sources/artifact-fetch.js';

/** Every Kustomization of a source builds from the same artifact: unpack it once, not once each. */
const KEEP_TREES = 4;

/**
 * Unpacked artifacts shared by every build of the same digest. A build that only reads builds in
 * the shared tree itself; one that must write gets a private copy made of hard links (`cp -al`:
 * one process and a link per file, instead of thousands of writes), so files must never be
 * modified in place — builds replace the files they change (see `replaceFile`). Unused trees
 * beyond the newest few are removed.
 */
export class ArtifactTrees {
  private readonly trees = new Map<string, Promise<string>>();
  private readonly users = new Map<string, number>();
  private order: string[] = [];

  constructor(private readonly root: string) {
    // Trees from a previous process may be half-written: start clean.
    rmSync(root, { recursive: true, force: true });
  }

  /**
   * The shared, read-only tree of artifact `digest` (fetched once), kept until `release()`.
   * Nothing may write into it: a build that must change files works on {@link copyTree}.
   */
  async lease(
    digest: string,
    fetch: () => Promise<Buffer>,
  ): Promise<{ dir: string; release: () => Promise<void> }> {
    this.users.set(digest, (this.users.get(digest) ?? 0) + 1);
    let released = false;
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      this.users.set(digest, (this.users.get(digest) ?? 1) - 1);
      await this.evict();
    };
    try {
      return { dir: await this.tree(digest, fetch), release };
    } catch (error) {
      await release();
      throw error;
    }
  }

  private tree(digest: string, fetch: () => Promise<Buffer>): Promise<string> {
    let tree = this.trees.get(digest);
    if (!tree) {
      tree = this.unpack(digest, fetch);
      this.trees.set(digest, tree);
      tree.catch(() => this.trees.delete(digest));
      this.order.push(digest);
    }
    return tree;
  }

  private async unpack(digest: string, fetch: () => Promise<Buffer>): Promise<string> {
    const dir = join(this.root, digest.replace(/[^A-Za-z0-9]/g, '_'));
    const partial = `${dir}.partial-${process.pid}-${Date.now()}`;
    await mkdir(partial, { recursive: true });
    try {
      await unpackArtifact(await fetch(), partial);
      await rename(partial, dir);
    } catch (error) {
      await removeTree(partial);
      if (
        await stat(dir).then(
          () => true,
          () => false,
        )
      )
        return dir;
      throw error;
    }
    return dir;
  }

  private async evict(): Promise<void> {
    while (this.order.length > KEEP_TREES) {
      const oldest = this.order.find((d) => (this.users.get(d) ?? 0) === 0);
      if (!oldest) return;
      this.order = this.order.filter((d) => d !== oldest);
      const tree = this.trees.get(oldest);
      this.trees.delete(oldest);
      this.users.delete(oldest);
      const dir = await tree?.catch(() => undefined);
      if (dir) await removeTree(dir);
    }
  }
}

/** Fills `dest` (an existing empty dir) with hard links to the files of `tree`. */
export async function copyTree(tree: string, dest: string): Promise<void> {
  const res = await runProcess('cp', ['-al', '--', `${tree}/.`, dest], { timeoutMs: 120_000 });
  if (res.code !== 0) throw new Error(`cannot prepare the build directory: ${res.stderr.trim()}`);
}

/** `rm -rf` in one process: far cheaper than thousands of async unlinks on Node's small thread pool. */
export async function removeTree(dir: string): Promise<void> {
  await runProcess('rm', ['-rf', '--', dir], { timeoutMs: 120_000 });
}

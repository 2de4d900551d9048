import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Artifact } from '../../api/meta.js';
import { sha256Digest, type ArtifactStore } from '../../sources/artifact-store.js';
import { helmIndexEntries } from '../../sources/helm-index.js';
import { readTarGz } from '../../sources/tar-reader.js';
import { BuildErrorReason, ChartBuildError } from './build-error.js';
import type { IndexChartVersion } from './chart-version.js';

type IndexEntries = Record<string, IndexChartVersion[] | undefined>;

/**
 * Parsed index entries of HelmRepository artifacts, by artifact digest. Parsing a large index
 * takes seconds (4.5 MB: ~1.4 s here), and every HelmChart of a repository reads the same one,
 * so the last few stay parsed; a new index revision is a new digest, hence a new entry.
 */
export class IndexCache {
  private readonly entries = new Map<string, IndexEntries>();

  constructor(private readonly capacity = 4) {}

  /** The entries of an index artifact in storage, parsed once per digest. */
  async read(store: ArtifactStore, artifact: Artifact): Promise<IndexEntries> {
    const hit = this.entries.get(artifact.digest);
    if (hit) {
      this.entries.delete(artifact.digest);
      this.entries.set(artifact.digest, hit);
      return hit;
    }
    const entries = await readIndexEntries(store, artifact);
    this.entries.set(artifact.digest, entries);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(key);
    }
    return entries;
  }
}

/** The index entries of a HelmRepository artifact in storage (checked against its digest). */
export async function readIndexEntries(store: ArtifactStore, artifact: Artifact): Promise<IndexEntries> {
  try {
    const data = await readFile(store.resolve(artifact.path));
    if (sha256Digest(data) !== artifact.digest)
      throw new Error(`computed digest ${sha256Digest(data)} doesn't match '${artifact.digest}'`);
    const index = parse(data.toString('utf8'), { maxAliasCount: 0 }) as { entries?: unknown } | null;
    return helmIndexEntries(index?.entries);
  } catch (error) {
    throw new ChartBuildError(
      BuildErrorReason.ChartPull,
      `failed to get chart version for remote reference: failed to load index: ${(error as Error).message}`,
    );
  }
}

/**
 * A source artifact (tar.gz) from storage, digest-checked and unpacked in memory within the
 * artifact unpack caps: regular files by path, links dropped.
 */
export async function readSourceFiles(
  store: ArtifactStore,
  artifact: Artifact,
): Promise<Map<string, Buffer>> {
  try {
    const data = await readFile(store.resolve(artifact.path));
    if (sha256Digest(data) !== artifact.digest)
      throw new Error(`computed digest ${sha256Digest(data)} doesn't match '${artifact.digest}'`);
    const files = new Map<string, Buffer>();
    for (const entry of readTarGz(data)) if (entry.type === 'file') files.set(entry.path, entry.data);
    return files;
  } catch (error) {
    throw new ChartBuildError(BuildErrorReason.Unknown, `artifact untar error: ${(error as Error).message}`);
  }
}

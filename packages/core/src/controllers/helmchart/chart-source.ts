import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Artifact } from '../../api/meta.js';
import { sha256Digest, type ArtifactStore } from '../../sources/artifact-store.js';
import { readTarGz } from '../../sources/tar-reader.js';
import { BuildErrorReason, ChartBuildError } from './build-error.js';
import type { IndexChartVersion } from './chart-version.js';

/** The index entries of a HelmRepository artifact in storage. */
export async function readIndexEntries(store: ArtifactStore, artifact: Artifact): Promise<Record<string, IndexChartVersion[] | undefined>> {
  let index: unknown;
  try {
    index = parse(await readFile(store.resolve(artifact.path), 'utf8'), { maxAliasCount: 0 });
  } catch (error) {
    throw new ChartBuildError(BuildErrorReason.ChartPull, `failed to get chart version for remote reference: failed to load index: ${(error as Error).message}`);
  }
  const entries = (index as { entries?: unknown } | null)?.entries;
  return entries && typeof entries === 'object' ? (entries as Record<string, IndexChartVersion[] | undefined>) : {};
}

/**
 * A source artifact (tar.gz) from storage, digest-checked and unpacked in memory within the
 * artifact unpack caps: regular files by path, links dropped.
 */
export async function readSourceFiles(store: ArtifactStore, artifact: Artifact): Promise<Map<string, Buffer>> {
  try {
    const data = await readFile(store.resolve(artifact.path));
    if (sha256Digest(data) !== artifact.digest) throw new Error(`computed digest ${sha256Digest(data)} doesn't match '${artifact.digest}'`);
    const files = new Map<string, Buffer>();
    for (const entry of readTarGz(data)) if (entry.type === 'file') files.set(entry.path, entry.data);
    return files;
  } catch (error) {
    throw new ChartBuildError(BuildErrorReason.Unknown, `artifact untar error: ${(error as Error).message}`);
  }
}

import type { Artifact } from '../../api/meta.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { GitRepositoryReason } from '../../api/source-v1.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { artifactPath, type ArtifactStore } from '../../sources/artifact-store.js';
import { directoryListing, STREAMED_PACK_LIMITS, type EntryFilter } from '../../sources/directory-entries.js';
import {
  canSkipExcludedDirectories,
  readIgnorePatterns,
  sourceIgnoreFilter,
} from '../../sources/source-ignore.js';
import { loadIgnorePatterns } from '../../sources/source-ignore-files.js';
import { writeTarGzFile } from '../../sources/tar-stream.js';
import type { CheckedOut } from './checkout.js';
import { failRun } from './failure.js';
import { copyIncludes, IncludeCopyError } from './includes.js';
import { artifactFileName } from './revision.js';
import type { GitRepositoryObject, GitRepositoryRun } from './run.js';
import { recordArtifact } from './stored-status.js';

/** What packing a checkout needs from the reconciler. */
export interface PackingDeps {
  store: ArtifactStore;
  events: EventRecorder;
}

/** Copies the includes in, applies the ignore rules, stores the tarball and records what it was built from. */
export async function packArtifact(
  deps: PackingDeps,
  run: GitRepositoryRun,
  dir: string,
  checked: CheckedOut,
  includes: Artifact[],
): Promise<Artifact> {
  const { obj, spec } = run;
  await copyIncludes(
    deps.store,
    dir,
    obj.metadata.namespace ?? 'default',
    spec.include ?? [],
    includes,
  ).catch((error: unknown) =>
    error instanceof IncludeCopyError
      ? failRun(deps.events, run, ConditionType.StorageOperationFailed, error.reason, error.message)
      : Promise.reject(error),
  );
  const filter = await ignoreFilter(deps.events, run, dir);
  const stored = await storeCheckout(deps.store, obj, dir, filter, checked).catch((error: unknown) =>
    failRun(
      deps.events,
      run,
      ConditionType.StorageOperationFailed,
      Reason.ArchiveOperationFailed,
      `unable to archive artifact to storage: ${errorMessage(error)}`,
    ),
  );
  recordArtifact(obj, spec, stored, includes);
  return stored;
}

/** `.sourceignore` files of the checkout, then `spec.ignore` (highest priority). */
async function ignoreFilter(events: EventRecorder, run: GitRepositoryRun, dir: string): Promise<EntryFilter> {
  const fromFiles = await loadIgnorePatterns(dir).catch((error: unknown) =>
    failRun(
      events,
      run,
      undefined,
      GitRepositoryReason.SourceIgnoreError,
      `failed to load source ignore patterns from repository: ${errorMessage(error)}`,
    ),
  );
  const patterns = [
    ...fromFiles,
    ...(run.spec.ignore !== undefined ? readIgnorePatterns(run.spec.ignore) : []),
  ];
  return { exclude: sourceIgnoreFilter(patterns), skipExcludedDirs: canSkipExcludedDirectories(patterns) };
}

async function storeCheckout(
  store: ArtifactStore,
  obj: GitRepositoryObject,
  dir: string,
  filter: EntryFilter,
  checked: CheckedOut,
): Promise<Artifact> {
  // Streamed from the checkout to disk: a repository's size never becomes the engine's heap.
  const entries = await directoryListing(dir, STREAMED_PACK_LIMITS, filter);
  const path = artifactPath(
    'GitRepository',
    obj.metadata.namespace ?? 'default',
    obj.metadata.name,
    artifactFileName(checked.checkout.commit),
  );
  return store.storeWritten(path, (tmp) => writeTarGzFile(entries, tmp), checked.revision);
}

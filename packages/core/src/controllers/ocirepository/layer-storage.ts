import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import { OciReason } from '../../api/ocirepository-v1.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { unpackArtifact } from '../../sources/artifact-fetch.js';
import { artifactPath, type ArtifactStore } from '../../sources/artifact-store.js';
import { DEFAULT_PACK_LIMITS, directoryEntries } from '../../sources/directory-entries.js';
import {
  canSkipExcludedDirectories,
  readIgnorePatterns,
  sourceIgnoreFilter,
} from '../../sources/source-ignore.js';
import { loadIgnorePatterns } from '../../sources/source-ignore-files.js';
import { packTarGz } from '../../sources/tar-writer.js';
import { DEFAULT_UNPACK_LIMITS } from '../../sources/tar-reader.js';
import { digestOfRevision } from './artifact-ref.js';
import { failRun, OciFailure } from './failure.js';
import { OciMessages } from './messages.js';
import type { OCIRepositoryRun } from './run.js';

/** What storing a pulled layer needs from the reconciler. */
export interface LayerStorageDeps {
  store: ArtifactStore;
  events: EventRecorder;
  workDir: string;
}

/** `operation: copy`: the layer's own bytes become the artifact. */
export async function storeCopy(
  deps: LayerStorageDeps,
  run: OCIRepositoryRun,
  revision: string,
  blob: Buffer,
): Promise<Artifact> {
  return save(deps.store, run, revision, blob).catch((error: unknown) =>
    failRun(
      deps.events,
      run,
      ConditionType.StorageOperationFailed,
      Reason.ArchiveOperationFailed,
      OciMessages.copyToStorageFailed(errorMessage(error)),
    ),
  );
}

/** `operation: extract`: unpack (symlinks skipped, size-capped), then archive with the ignore rules. */
export async function storeExtracted(
  deps: LayerStorageDeps,
  run: OCIRepositoryRun,
  revision: string,
  blob: Buffer,
): Promise<Artifact> {
  const tmp = await mkdtemp(join(deps.workDir, 'ocirepository-'));
  try {
    await unpackArtifact(blob, tmp, DEFAULT_UNPACK_LIMITS).catch((error: unknown) =>
      failRun(
        deps.events,
        run,
        ConditionType.FetchFailed,
        OciReason.OCIArtifactLayerOperationFailed,
        OciMessages.extractFailed(errorMessage(error)),
      ),
    );
    const fromFiles = await loadIgnorePatterns(tmp).catch((error: unknown) =>
      failRun(
        deps.events,
        run,
        undefined,
        'SourceIgnoreError',
        `failed to load source ignore patterns from repository: ${errorMessage(error)}`,
      ),
    );
    const patterns = [
      ...fromFiles,
      ...(run.spec.ignore !== undefined ? readIgnorePatterns(run.spec.ignore) : []),
    ];
    const filter = {
      exclude: sourceIgnoreFilter(patterns),
      skipExcludedDirs: canSkipExcludedDirectories(patterns),
    };
    return await directoryEntries(tmp, DEFAULT_PACK_LIMITS, filter)
      .then((entries) => save(deps.store, run, revision, packTarGz(entries)))
      .catch((error: unknown) =>
        error instanceof OciFailure
          ? Promise.reject(error)
          : failRun(
              deps.events,
              run,
              ConditionType.StorageOperationFailed,
              Reason.ArchiveOperationFailed,
              OciMessages.archiveFailed(errorMessage(error)),
            ),
      );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Stores bytes as `ocirepository/<ns>/<name>/<digest>.tar.gz`, Flux's file name. */
async function save(
  store: ArtifactStore,
  run: OCIRepositoryRun,
  revision: string,
  data: Buffer,
): Promise<Artifact> {
  const { obj } = run;
  const path = artifactPath(
    'OCIRepository',
    obj.metadata.namespace ?? 'default',
    obj.metadata.name,
    `${digestOfRevision(revision)}.tar.gz`,
  );
  const stored = await store.store(path, data, revision);
  await store.garbageCollect(stored);
  return stored;
}

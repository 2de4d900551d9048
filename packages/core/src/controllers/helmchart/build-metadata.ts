import { formatVersion, parseVersion } from '../../semver/index.js';
import { BuildErrorReason, ChartBuildError } from './build-error.js';

/** What decides a chart's build metadata. */
export interface BuildMetadataInput {
  sourceKind: string;
  reconcileStrategy: string;
  /** The source artifact's revision (`main@sha1:<hex>` for Git). */
  sourceRevision: string;
  valuesFiles: readonly string[];
  generation: number;
}

/**
 * `spec.valuesFiles` as the build uses them: a list that is only `values.yaml` changes nothing,
 * so it counts as none (Flux `BuildOptions.GetValuesFiles`). Pure.
 */
export function effectiveValuesFiles(valuesFiles: readonly string[] | undefined): string[] {
  const files = valuesFiles ?? [];
  if (files.length === 1 && cleanPath(files[0] ?? '') === 'values.yaml') return [];
  return [...files];
}

/**
 * The SemVer build metadata source-controller stamps on a chart: with `reconcileStrategy:
 * Revision` on a Git source, the first 12 hex of the commit; with values files, the object's
 * generation (joined by `.` when both apply), so consumers notice either change. Pure.
 */
export function buildMetadata(input: BuildMetadataInput): string {
  let metadata = '';
  if (input.reconcileStrategy === 'Revision' && input.sourceKind !== 'HelmRepository') {
    let revision = input.sourceRevision;
    if (input.sourceKind === 'GitRepository') revision = revision.slice(revision.lastIndexOf(':') + 1);
    else if (/^[a-z0-9]+:[0-9a-f]+$/.test(revision)) revision = revision.slice(revision.indexOf(':') + 1);
    metadata = revision.slice(0, 12);
  }
  if (effectiveValuesFiles(input.valuesFiles).length > 0) {
    metadata = metadata === '' ? String(input.generation) : `${metadata}.${input.generation}`;
  }
  return metadata;
}

/** Masterminds `SetMetadata`: replaces the version's build metadata. Throws a MetadataPatchError. Pure. */
export function withBuildMetadata(version: string, metadata: string): string {
  if (metadata === '') return version;
  let parsed;
  try {
    parsed = parseVersion(version);
  } catch (error) {
    throw new ChartBuildError(
      BuildErrorReason.MetadataPatch,
      `failed to parse version from chart metadata as SemVer: ${(error as Error).message}`,
    );
  }
  if (!/^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/.test(metadata)) {
    throw new ChartBuildError(
      BuildErrorReason.MetadataPatch,
      'failed to set SemVer metadata on chart version: Invalid Metadata string',
    );
  }
  return formatVersion({ ...parsed, metadata });
}

/** Go's `path.Clean` for the relative paths charts use. Pure. */
export function cleanPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && path.startsWith('/')) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  if (path.startsWith('/')) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

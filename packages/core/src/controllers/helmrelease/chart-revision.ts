import { compareVersions, formatVersion, parseVersion, type Version } from '../../semver/index.js';

/** Why a chart's version cannot take the source's digest (Flux: Ready=False `ChartMutateError`). */
export class ChartMutateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartMutateError';
  }
}

function semverTag(revision: string): Version | undefined {
  // An OCI tag writes a semver `+` as `_` (Helm's registry client).
  const candidate = revision.includes('@') ? (revision.split('@')[0] ?? '').replace(/_/g, '+') : revision;
  try {
    return parseVersion(candidate);
  } catch {
    return undefined;
  }
}

function digestPrefix(revision: string): string {
  const pair = revision.split(':');
  const sha = pair.length === 2 ? (pair[1] ?? '') : '';
  if (sha.length < 12) throw new ChartMutateError(`invalid artifact revision ${revision}`);
  return sha.slice(0, 12);
}

/**
 * helm-controller's `mutateChartWithSourceRevision` for charts from an OCIRepository (or an
 * ExternalArtifact whose revision is a digest): the version gains `+<first 12 hex of the
 * digest>`, and a semver tag must equal the chart's version. Returns the new version and the
 * digest recorded as `lastAttemptedRevisionDigest`. Throws {@link ChartMutateError}. Pure.
 */
export function versionWithDigest(
  chartVersion: string,
  revision: string,
): { version: string; digest: string } {
  let version: Version;
  try {
    version = parseVersion(chartVersion);
  } catch {
    throw new ChartMutateError(`invalid chart version ${chartVersion}`);
  }
  const tag = semverTag(revision);
  if (tag) {
    const pair = revision.split('@');
    if (pair.length !== 2 || compareVersions(tag, version) !== 0) {
      throw new ChartMutateError(
        `artifact revision ${pair[0] ?? revision} does not match chart version ${chartVersion}`,
      );
    }
    const digest = pair[1] ?? '';
    return { version: formatVersion({ ...version, metadata: digestPrefix(digest) }), digest };
  }
  return { version: formatVersion({ ...version, metadata: digestPrefix(revision) }), digest: revision };
}

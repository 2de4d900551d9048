import {
  compareVersions,
  formatVersion,
  latestMatching,
  parseConstraints,
  parseStrictVersion,
  parseTagVersion,
  type Version,
  type VersionCandidate,
} from '../../semver/index.js';

/**
 * Helm's registry client `Tags`: the tags that are strict SemVer once `_` reads as `+` (Helm
 * pushes `1.0.0+build` as tag `1.0.0_build`, since `+` is not allowed in a tag), highest first,
 * in canonical form. Anything else in the repository (`latest`, `v1`, signatures) is ignored. Pure.
 */
export function helmChartTags(tags: readonly string[]): string[] {
  const versions: Version[] = [];
  for (const tag of tags) {
    try {
      versions.push(parseStrictVersion(tag.replaceAll('_', '+')));
    } catch {
      // not a chart version: Helm skips it
    }
  }
  return versions.sort((a, b) => compareVersions(b, a)).map(formatVersion);
}

/**
 * Whether `version` names one concrete chart version (fluxcd/pkg `version.ParseVersion`):
 * source-controller then pulls that tag directly, without listing the repository's tags. Pure.
 */
export function isConcreteVersion(version: string): boolean {
  return parseTagVersion(version) !== undefined;
}

/**
 * source-controller's `getLastMatchingVersionOrConstraint`: a tag equal to `version` wins;
 * otherwise the highest tag satisfying the Masterminds constraint (empty or `*`: the latest
 * stable). Throws when the constraint is invalid or nothing matches. Pure.
 */
export function lastMatchingVersion(tags: readonly string[], version: string): string {
  if (version !== '' && tags.includes(version)) return version;
  const constraints = parseConstraints(version === '' ? '*' : version);
  const candidates: VersionCandidate<string>[] = [];
  for (const tag of tags) {
    const parsed = parseTagVersion(tag);
    if (parsed) candidates.push({ item: tag, version: parsed });
  }
  // Helm lists highest first; among equal versions (metadata only differs) the first listed wins.
  const best = latestMatching(constraints, candidates, () => -1);
  if (!best) throw new Error(`could not locate a version matching provided version string ${version}`);
  return best.item;
}

/** The registry tag of a chart version: Helm writes `+` as `_`. Pure. */
export function chartVersionTag(version: string): string {
  return version.replaceAll('+', '_');
}

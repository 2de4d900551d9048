import { satisfies, type Constraints } from './constraint.js';
import { compareVersions, parseStrictVersion, parseVersion, type Version } from './version.js';

/**
 * fluxcd/pkg `version.ParseVersion`: a strict `X.Y.Z[-pre][+meta]` with an optional leading
 * `v`. This is where Flux's "tags need exactly three dot-separated parts" comes from: `1.2` and
 * `v1` are not versions here. Returns undefined for anything else. Pure.
 */
export function parseTagVersion(tag: string): Version | undefined {
  try {
    parseStrictVersion(tag.startsWith('v') ? tag.slice(1) : tag);
    return parseVersion(tag);
  } catch {
    return undefined;
  }
}

/** A candidate for {@link latestMatching}: its name (a tag) and its version. */
export interface VersionCandidate<T> {
  item: T;
  version: Version;
}

/**
 * The highest candidate satisfying the constraints, or undefined. Ties (versions equal but for
 * build metadata) are broken by `tieBreak` (positive: the first is newer); without one, the
 * later candidate in input order wins, as a stable sort would leave it last. Pure.
 */
export function latestMatching<T>(
  constraints: Constraints,
  candidates: readonly VersionCandidate<T>[],
  tieBreak?: (a: T, b: T) => number,
): VersionCandidate<T> | undefined {
  let best: VersionCandidate<T> | undefined;
  for (const candidate of candidates) {
    if (!satisfies(constraints, candidate.version)) continue;
    if (!best) {
      best = candidate;
      continue;
    }
    const d = compareVersions(candidate.version, best.version);
    if (d > 0 || (d === 0 && (tieBreak ? tieBreak(candidate.item, best.item) >= 0 : true))) best = candidate;
  }
  return best;
}

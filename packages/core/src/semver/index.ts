/** Masterminds semver v3, as Flux and Helm use it: versions, constraints, latest-match selection. */
export {
  SemverError,
  compareVersions,
  comparePrerelease,
  formatVersion,
  parseStrictVersion,
  parseVersion,
  type Version,
} from './version.js';
export { MAX_CONSTRAINT_LENGTH, parseConstraints, satisfies, type Constraints } from './constraint.js';
export type { Constraint } from './constraint-ops.js';
export { latestMatching, parseTagVersion, type VersionCandidate } from './latest.js';

import {
  compareVersions,
  parseConstraints,
  parseTagVersion,
  satisfies,
  type Version,
} from '../../semver/index.js';
import { EMPTY_LIST, InvalidPolicyError, PolicyError, type Policer } from './policer.js';

/**
 * `semver`: each value read as fluxcd/pkg `version.ParseVersion` reads it (exactly three parts,
 * optional `v`; anything else silently skipped), kept if it satisfies the Masterminds range, the
 * highest picked (the first of equal versions stays). The original text is returned. Pure.
 */
export function semverPolicy(range: string): Policer {
  let constraints: ReturnType<typeof parseConstraints>;
  try {
    constraints = parseConstraints(range);
  } catch (error) {
    throw new InvalidPolicyError(error instanceof Error ? error.message : String(error));
  }
  return {
    latest(values) {
      if (values.length === 0) throw new PolicyError(EMPTY_LIST);
      let best: Version | undefined;
      for (const value of values) {
        const version = parseTagVersion(value);
        if (!version || !satisfies(constraints, version)) continue;
        if (!best || compareVersions(version, best) > 0) best = version;
      }
      if (!best) throw new PolicyError('unable to determine latest version from provided list');
      return best.original;
    },
  };
}

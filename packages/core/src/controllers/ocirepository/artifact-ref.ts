import type { OCIRepositorySpec } from '../../api/ocirepository-v1.js';
import { compileGoRegexp } from '../../regex/index.js';
import {
  latestMatching,
  parseConstraints,
  parseTagVersion,
  type VersionCandidate,
} from '../../semver/index.js';

/** What to pull: source-controller's `getArtifactRef` precedence, digest > semver > tag, default tag `latest`. */
export type ArtifactRef =
  | { kind: 'digest'; digest: string }
  | { kind: 'semver'; range: string; filter?: string }
  | { kind: 'tag'; tag: string };

/** The reference the spec asks for. Pure. */
export function artifactRef(spec: Pick<OCIRepositorySpec, 'ref'>): ArtifactRef {
  const ref = spec.ref;
  if (ref?.digest) return { kind: 'digest', digest: ref.digest };
  if (ref?.semver) return { kind: 'semver', range: ref.semver, filter: ref.semverFilter || undefined };
  if (ref?.tag) return { kind: 'tag', tag: ref.tag };
  return { kind: 'tag', tag: 'latest' };
}

/**
 * The highest tag within the semver range among the tags that match `filter` (a Go regular
 * expression, unanchored, applied first) and parse as strict `X.Y.Z` versions with an optional
 * `v`, as source-controller's `getTagBySemver`. The filter is matched in linear time, whatever
 * the pattern and however many tags the registry lists. Throws Flux's messages (an invalid
 * filter: Go's `error parsing regexp: …`). Pure.
 */
export function tagBySemver(tags: readonly string[], range: string, filter?: string): string {
  let valid = tags;
  if (filter) {
    const pattern = compileGoRegexp(filter);
    valid = tags.filter((t) => pattern.matchString(t));
  }
  let constraints;
  try {
    constraints = parseConstraints(range);
  } catch (error) {
    throw new Error(`semver '${range}' parse error: ${(error as Error).message}`);
  }
  const candidates: VersionCandidate<string>[] = [];
  for (const tag of valid) {
    const version = parseTagVersion(tag);
    if (version) candidates.push({ item: tag, version });
  }
  const best = latestMatching(constraints, candidates);
  if (!best) throw new Error(`no match found for semver: ${range}`);
  return best.item;
}

/** Flux's revision: `<tag>@sha256:<hex>` for a tag, the bare digest for a digest reference. Pure. */
export function ociRevision(tag: string | undefined, digest: string): string {
  return tag === undefined ? digest : `${tag}@${digest}`;
}

/** The digest half of a revision (`digestFromRevision`): the part after the last `@`. Pure. */
export function digestOfRevision(revision: string): string {
  const at = revision.lastIndexOf('@');
  return at < 0 ? revision : revision.slice(at + 1);
}

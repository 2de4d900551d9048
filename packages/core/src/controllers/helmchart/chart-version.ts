import {
  latestMatching,
  parseConstraints,
  parseTagVersion,
  type VersionCandidate,
} from '../../semver/index.js';

/** One chart version entry of a Helm repository index (the fields the build reads). */
export interface IndexChartVersion {
  name?: string;
  version?: string;
  urls?: string[];
  digest?: string;
  created?: string;
}

/** Why no version could be picked; Flux reports all of these as an invalid chart reference. */
export class ChartVersionError extends Error {}

/**
 * Helm repository chart selection as source-controller's `ChartRepository.GetChartVersion` does
 * it: an exact version string wins outright; otherwise the Masterminds constraint (empty or `*`:
 * the latest stable) picks the highest strict semver among the entries, ties broken by the
 * newest `created` timestamp. Pre-releases match only when the constraint names one. Pure.
 */
export function selectChartVersion(
  entries: Readonly<Record<string, readonly IndexChartVersion[] | undefined>>,
  name: string,
  version: string,
): IndexChartVersion {
  if (!Object.hasOwn(entries, name)) throw new ChartVersionError('no chart name found');
  const versions = entries[name] ?? [];
  if (versions.length === 0) throw new ChartVersionError('no chart version found');
  if (version !== '') {
    const exact = versions.find((v) => v.version === version);
    if (exact) return exact;
  }
  const range = version === '' ? '*' : version;
  let constraints;
  try {
    constraints = parseConstraints(range);
  } catch (error) {
    throw new ChartVersionError((error as Error).message);
  }
  const candidates: VersionCandidate<IndexChartVersion>[] = [];
  for (const entry of versions) {
    const parsed = parseTagVersion(entry.version ?? '');
    if (parsed) candidates.push({ item: entry, version: parsed });
  }
  const best = latestMatching(
    constraints,
    candidates,
    (a, b) => Date.parse(a.created ?? '') - Date.parse(b.created ?? '') || 0,
  );
  if (!best) throw new ChartVersionError(`no '${name}' chart with version matching '${version}' found`);
  return best.item;
}

/** Flux's HelmChart condition and event messages, in one place. */
export const HelmChartMessages = {
  inProgress: 'reconciliation in progress',
  newGeneration: (from: number, to: number): string => `processing object: new generation ${from} -> ${to}`,
  buildingArtifact: 'building artifact',
  disappeared: 'building artifact: disappeared from storage',
  building: (summary: string): string => `building artifact: ${summary}`,
  noSourceArtifact: (kind: string, name: string): string =>
    `no artifact available for ${kind} source '${name}'`,
  sourceUnavailable: (detail: string): string => `failed to get source: ${detail}`,
  upToDate: (revision: string): string => `artifact up-to-date with remote revision: '${revision}'`,
  verificationFailed: (detail: string): string => `failed to verify integrity of artifact: ${detail}`,
  storeFailed: (detail: string): string => `unable to copy Helm chart to storage: ${detail}`,
  invalidChartName: (name: string): string =>
    `invalid chart name '${name}': a valid name must be lower case letters and numbers and MAY be separated with dashes (-), slashes (/) or periods (.)`,
  authFailed: (detail: string): string => `failed to authenticate with the Helm repository: ${detail}`,
  resolvedDependencies: (count: number): string => `resolved ${count} chart dependencies`,
} as const;

/** What a finished build says about itself (Flux `Build.Summary`). */
export interface BuildSummaryInput {
  name: string;
  version: string;
  packaged: boolean;
  valuesFiles: readonly string[];
}

/**
 * `pulled 'podinfo' chart with version '6.2.1'`, or `packaged … and merged values files [a b]`
 * (Go's `%v` of a string slice). Pure.
 */
export function buildSummary(build: BuildSummaryInput): string {
  const action = build.packaged ? 'packaged' : 'pulled';
  const files =
    build.valuesFiles.length > 0 ? ` and merged values files [${build.valuesFiles.join(' ')}]` : '';
  return `${action} '${build.name}' chart with version '${build.version}'${files}`;
}

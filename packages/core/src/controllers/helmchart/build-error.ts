/**
 * source-controller's chart build error reasons (`internal/helm/chart/errors.go`): a reason in
 * CamelCase for conditions and events, and a summary that prefixes the message.
 */
export const BuildErrorReason = {
  ChartReference: { reason: 'InvalidChartReference', summary: 'invalid chart reference' },
  ChartPull: { reason: 'ChartPullError', summary: 'chart pull error' },
  MetadataPatch: { reason: 'MetadataPatchError', summary: 'chart metadata patch error' },
  ValuesFilesMerge: { reason: 'ValuesFilesError', summary: 'values files merge error' },
  DependencyBuild: { reason: 'DependencyBuildError', summary: 'dependency build error' },
  ChartPackage: { reason: 'ChartPackageError', summary: 'chart package error' },
  Unknown: { reason: 'Unknown', summary: 'unknown build error' },
} as const;

/** One of {@link BuildErrorReason}. */
export type BuildErrorKind = (typeof BuildErrorReason)[keyof typeof BuildErrorReason];

/** A failed chart build: `<summary>: <cause>`, as Flux's BuildError prints. */
export class ChartBuildError extends Error {
  constructor(
    readonly kind: BuildErrorKind,
    readonly detail: string,
  ) {
    super(`${kind.summary}: ${detail}`);
    this.name = 'ChartBuildError';
  }

  /** Errors only a spec change can fix: Flux stalls on these instead of retrying. */
  get persistent(): boolean {
    const k = this.kind;
    return (
      k === BuildErrorReason.ChartReference ||
      k === BuildErrorReason.MetadataPatch ||
      k === BuildErrorReason.ValuesFilesMerge
    );
  }

  /** Whether Flux reports it as BuildFailed (true) or FetchFailed (false). */
  get isBuildFailure(): boolean {
    const k = this.kind;
    return (
      k === BuildErrorReason.MetadataPatch ||
      k === BuildErrorReason.ValuesFilesMerge ||
      k === BuildErrorReason.DependencyBuild ||
      k === BuildErrorReason.ChartPackage
    );
  }
}

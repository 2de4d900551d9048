/** One field the next apply would change (`flux diff`; Secret values masked as `***`). */
export interface PlanFieldChangeDto {
  path: string;
  type: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

/** What the next apply would do to one object. */
export interface PlannedObjectDto {
  /** `Kind/namespace/name`. */
  subject: string;
  action: 'created' | 'configured' | 'unchanged' | 'skipped' | 'failed';
  changes: PlanFieldChangeDto[];
  /** More fields changed than are listed. */
  truncated: boolean;
  error?: string;
}

/** Desired vs live for a Kustomization: its source artifact built and dry-run against the cluster. */
export interface KustomizationPlanDto {
  revision: string;
  lastAppliedRevision?: string;
  objects: PlannedObjectDto[];
  /** What prune would delete. */
  pruned: string[];
  durationMs: number;
}

/**
 * Desired vs live for a HelmRelease: the chart rendered for the current spec (pinned helm,
 * merged values, post-renderers) against the release Helm last stored (`upgrade`, `pruned` =
 * objects Helm would delete) and dry-run against the cluster (`objects`, drift detection's
 * ignore rules applied). `revision`s are `<chart>@<version>`; Secret-derived values are masked.
 */
export interface HelmReleasePlanDto extends KustomizationPlanDto {
  kind: 'HelmRelease';
  /** `<ns>/<name>.v<N>` compared against; none before the first install. */
  release?: string;
  /** The merged values differ from that release's. */
  valuesChanged: boolean;
  /** What an upgrade changes in the stored manifest. */
  upgrade: PlannedObjectDto[];
}

/** A desired-vs-live answer: a Kustomization's or a HelmRelease's. */
export type PlanDto = KustomizationPlanDto | HelmReleasePlanDto;

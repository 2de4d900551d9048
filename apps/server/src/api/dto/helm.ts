/** One Helm release revision of a HelmRelease (`status.history`, newest first). */
export interface HelmRevisionDto {
  version: number;
  status: string;
  chart: string;
  appVersion?: string;
  action?: string;
  firstDeployed?: string;
  lastDeployed?: string;
  digest?: string;
  configDigest?: string;
  /** Test hooks by name with their phase (`Succeeded`, `Failed`, …) and when they ran. */
  tests: { name: string; phase: string; lastStarted?: string; lastCompleted?: string }[];
}

/** A HelmRelease's values as helm-controller composes them, every value from a Secret masked. */
export interface HelmValuesDto {
  /** The merged user-supplied values as YAML (sorted keys); Secret-derived values are `***`. */
  yaml: string;
  /** Where they came from, in merge order: `ConfigMap ns/name[key]`, `Secret …`, inline last. */
  sources: string[];
  /** The YAML was longer than the cap and is cut. */
  truncated: boolean;
}

/** What the HelmRelease page shows beyond the generic detail. */
export interface HelmReleaseDetailDto {
  history: HelmRevisionDto[];
  failures: number;
  installFailures: number;
  upgradeFailures: number;
  lastAttemptedReleaseAction?: string;
  lastHandledForceAt?: string;
  lastHandledResetAt?: string;
  /** Inline values as YAML (Flux objects carry no secret values; `valuesFrom` are named, not read). */
  valuesYaml: string;
  /** Where the rest of the values come from, in merge order: `ConfigMap ns/name[key]` or `Secret …` (never read). */
  valuesFrom: string[];
}

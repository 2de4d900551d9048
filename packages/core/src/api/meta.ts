/** Shared Kubernetes and Flux API shapes (fluxcd/pkg apis/meta). */

/** metav1.Condition. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** The subset of ObjectMeta the engine reads and writes. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

/** A namespaced reference by name. */
export interface NamespacedName {
  namespace: string;
  name: string;
}

/** Flux's artifact (status.artifact). */
export interface Artifact {
  path: string;
  url: string;
  revision: string;
  digest: string;
  lastUpdateTime: string;
  size?: number;
  metadata?: Record<string, string>;
}

/** A Flux cross-object reference (`sourceRef`). */
export interface CrossNamespaceSourceReference {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** A `dependsOn` entry. */
export interface DependencyReference {
  name: string;
  namespace?: string;
}

/** Generic condition types (fluxcd/pkg apis/meta). */
export const ConditionType = {
  Ready: 'Ready',
  Reconciling: 'Reconciling',
  Stalled: 'Stalled',
  Healthy: 'Healthy',
  ArtifactInStorage: 'ArtifactInStorage',
  ArtifactOutdated: 'ArtifactOutdated',
  FetchFailed: 'FetchFailed',
  StorageOperationFailed: 'StorageOperationFailed',
} as const;

/** Reason strings used by the controllers (Flux's exact spelling). */
export const Reason = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Progressing: 'Progressing',
  ProgressingWithRetry: 'ProgressingWithRetry',
  DependencyNotReady: 'DependencyNotReady',
  ArtifactFailed: 'ArtifactFailed',
  BuildFailed: 'BuildFailed',
  HealthCheckFailed: 'HealthCheckFailed',
  PruneFailed: 'PruneFailed',
  ReconciliationSucceeded: 'ReconciliationSucceeded',
  ReconciliationFailed: 'ReconciliationFailed',
  GitOperationSucceeded: 'GitOperationSucceeded',
  GitOperationFailed: 'GitOperationFailed',
  AuthenticationFailed: 'AuthenticationFailed',
  URLInvalid: 'URLInvalid',
  NewRevision: 'NewRevision',
  EmptyGitRepository: 'EmptyGitRepository',
  ArchiveOperationFailed: 'ArchiveOperationFailed',
  ArtifactUpToDate: 'ArtifactUpToDate',
  NewArtifact: 'NewArtifact',
} as const;

/** Annotation that requests a reconcile now; its value is copied to status.lastHandledReconcileAt. */
export const RECONCILE_REQUESTED_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';
/** The finalizer every reconciled Flux kind carries. */
export const FLUX_FINALIZER = 'finalizers.fluxcd.io';

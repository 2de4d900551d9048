import type { KustomizationReconcilerDeps } from './controllers/kustomization/reconciler.js';
import type { OCIRepositoryReconcilerDeps } from './controllers/ocirepository/reconciler.js';
import type { Logger } from './runtime/controller.js';
import type { CoordinationOptions } from './runtime/coordination.js';
import type { RetentionPolicy } from './sources/artifact-retention.js';

/** Image automation tuning (image-reflector and image-automation controller flags). */
export interface ImageAutomationOptions {
  /** Tag-list pages followed per scan (default 100, of up to 1,000 tags each). */
  maxTagPages?: number;
  /** Flux's `--requeue-dependency` for ImagePolicies waiting for tags (default 30 s). */
  dependencyRequeueMs?: number;
  /** Flux's `--no-cross-namespace-refs`. */
  noCrossNamespaceRefs?: boolean;
}

/** Options for {@link createEngine}. Core never reads the environment: everything comes in here. */
export interface EngineOptions {
  /** Kubeconfig of the cluster to reconcile (undefined: the default kubeconfig). */
  kubeconfigPath?: string;
  /** Artifact storage root; survives restarts. */
  storageDir: string;
  /** The pinned kubectl (kustomize). */
  kubectlBin: string;
  gitBin?: string;
  /** Concurrent reconciles per kind (default 4). */
  concurrency?: number;
  /** Artifact server port (0: any free port). */
  artifactPort?: number;
  /** Flux's `--artifact-retention-records` / `--artifact-retention-ttl` (default 2 records, 60 s). */
  artifactRetention?: RetentionPolicy;
  /**
   * Kustomization tuning; every default matches Flux's. `defaultServiceAccount` and
   * `noCrossNamespaceRefs` are Flux's `--default-service-account` and `--no-cross-namespace-refs`.
   */
  kustomization?: Pick<
    KustomizationReconcilerDeps,
    | 'healthCheckIntervalMs'
    | 'stageWaitIntervalMs'
    | 'failFast'
    | 'strictSubstitution'
    | 'maxBuildBytes'
    | 'defaultServiceAccount'
    | 'noCrossNamespaceRefs'
  >;
  /** Image automation tuning; every default matches Flux's. */
  images?: ImageAutomationOptions;
  /** OCIRepository tuning (the layer byte cap). */
  ociRepository?: Pick<OCIRepositoryReconcilerDeps, 'maxLayerBytes'>;
  /**
   * Leader election and Flux coexistence: the engine reconciles only while it holds the
   * `tideline-engine-leader-election` Lease and no Flux controller runs in the namespace.
   */
  coordination?: CoordinationOptions;
  logger?: Logger;
}

import type { HelmReleaseReconcilerDeps } from './controllers/helmrelease/reconciler.js';
import type { KustomizationReconcilerDeps } from './controllers/kustomization/reconciler.js';
import type { OCIRepositoryReconcilerDeps } from './controllers/ocirepository/reconciler.js';
import type { Logger } from './runtime/controller.js';
import type { RetentionPolicy } from './sources/artifact-retention.js';

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
  /** The pinned helm (v4); without it HelmReleases are not reconciled. */
  helmBin?: string;
  /** curl, which Tideline's Helm post-renderer plugin runs (default `/usr/bin/curl`). */
  curlBin?: string;
  /**
   * HelmRelease tuning; every default matches Flux's (`serverSideApplyDefault`: Flux installs
   * with server-side apply; default here: only on clusters from 1.22, where SSA is GA).
   */
  helmRelease?: Partial<
    Pick<
      HelmReleaseReconcilerDeps,
      | 'serverSideApplyDefault'
      | 'defaultToRetryOnFailure'
      | 'defaultServiceAccount'
      | 'noCrossNamespaceRefs'
      | 'requeueDependencyMs'
      | 'healthCheckIntervalMs'
    >
  > & { concurrency?: number };
  /** OCIRepository tuning (the layer byte cap). */
  ociRepository?: Pick<OCIRepositoryReconcilerDeps, 'maxLayerBytes'>;
  logger?: Logger;
}

import type { HelmReleaseReconcilerDeps } from './controllers/helmrelease/reconciler.js';
import type { KustomizationReconcilerDeps } from './controllers/kustomization/reconciler.js';
import type { OCIRepositoryReconcilerDeps } from './controllers/ocirepository/reconciler.js';
import type { Logger } from './runtime/controller.js';
import type { MetricsSink } from './runtime/metrics-sink.js';
import type { PatternCompiler } from './notify/message-patterns.js';
import type { RetryPolicy, ServiceEndpoints } from './notify/providers/index.js';
import type { CoordinationOptions } from './runtime/coordination.js';
import type { AddressPolicy } from './sources/address-policy.js';
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

/** Notification tuning; every default is Flux's (or says why not). */
export interface NotificationOptions {
  /** `--rate-limit-interval`: identical events within it are sent once (default 5 min). */
  rateLimitIntervalMs?: number;
  /** `--no-cross-namespace-refs` for Alerts and Receivers. */
  noCrossNamespaceRefs?: boolean;
  /** Deliveries allowed to wait (default 1000); beyond it new ones are dropped and logged. */
  queueCapacity?: number;
  /** Deliveries in flight at once (default 8). */
  concurrency?: number;
  /** go-retryablehttp policy (default 4 retries, 2 s doubling to 30 s). */
  retry?: RetryPolicy;
  /** Fixed service endpoints (Telegram, Bitbucket Cloud): tests aim them at the sandbox sink. */
  endpoints?: Partial<ServiceEndpoints>;
  /** Compiles Alert inclusion/exclusion patterns with Go's regexp semantics. */
  compilePattern?: PatternCompiler;
  /** Where gcr Receivers get Google's ID-token keys (default Google's JWKS URL; tests use a local one). */
  googleJwksUrl?: string;
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
   * `noCrossNamespaceRefs` are Flux's `--default-service-account` and `--no-cross-namespace-refs`;
   * `allowRemoteBases` lifts Tideline's default `--no-remote-bases`.
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
    | 'allowRemoteBases'
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
  /** Image automation tuning; every default matches Flux's. */
  images?: ImageAutomationOptions;
  /**
   * Where outbound fetches may go (Helm indexes and charts, OCI registries and token realms, Git,
   * remote bases): loopback, link-local and cloud-metadata addresses refused, private ranges
   * optionally, re-checked on every redirect. Undefined (the default): anywhere, as Flux; a
   * multi-tenant installation sets `{ refuseInternal: true }`.
   */
  addressPolicy?: AddressPolicy;
  /** OCIRepository tuning (the layer byte cap). */
  ociRepository?: Pick<OCIRepositoryReconcilerDeps, 'maxLayerBytes'>;
  /** Notification dispatch and Receiver tuning (defaults: Flux's). */
  notifications?: NotificationOptions;
  /**
   * Leader election and Flux coexistence: the engine reconciles only while it holds the
   * `tideline-engine-leader-election` Lease and no Flux controller runs in the namespace.
   */
  coordination?: CoordinationOptions;
  /**
   * Structured log sink. Lines written during a reconcile carry controller-runtime's fields
   * (`controller`, `name`, `namespace`, `reconcileID`, …) merged into `fields`.
   */
  logger?: Logger;
  /** Reconcile and work-queue metrics; the server implements it with Prometheus names. */
  metrics?: MetricsSink;
  /**
   * Flux's `--watch-label-selector` (sharding, e.g. `sharding.fluxcd.io/key in (shard1)` or
   * `!sharding.fluxcd.io/key`): only the Flux objects it selects are reconciled, and the leader
   * Lease name gets the selector's hash, so each shard elects its own leader.
   */
  watchLabelSelector?: string;
}

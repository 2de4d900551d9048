import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fluxCrds } from './api/index.js';
import { KUSTOMIZE_API_VERSION, type Kustomization } from './api/kustomize-v1.js';
import { SOURCE_API_VERSION } from './api/source-v1.js';
import { GitRepositoryReconciler, SOURCE_CONTROLLER } from './controllers/gitrepository/reconciler.js';
import { artifactChanged, includersOf } from './controllers/gitrepository/watches.js';
import { HelmChartReconciler } from './controllers/helmchart/reconciler.js';
import { chartsUsing } from './controllers/helmchart/watches.js';
import { HelmRepositoryReconciler } from './controllers/helmrepository/reconciler.js';
import {
  OCIRepositoryReconciler,
  type OCIRepositoryReconcilerDeps,
} from './controllers/ocirepository/reconciler.js';
import {
  KUSTOMIZE_MANAGER,
  KustomizationReconciler,
  type KustomizationReconcilerDeps,
} from './controllers/kustomization/reconciler.js';
import { artifactRevision, becameReady, shouldReconcileOnUpdate } from './controllers/watches.js';
import { CachedReader } from './kube/cached-reader.js';
import { KubeClient } from './kube/client.js';
import { installCrds } from './kube/crds-install.js';
import { kubeEventSink } from './kube/event-sink.js';
import { Informer, type InformerHandlers } from './kube/informer.js';
import type { KubeObject } from './kube/objects.js';
import { Resources } from './kube/resources.js';
import { Controller, type Logger, type Reconciler } from './runtime/controller.js';
import { EventRecorder } from './runtime/event-recorder.js';
import type { RetentionPolicy } from './sources/artifact-retention.js';
import { ArtifactStore } from './sources/artifact-store.js';
import { startArtifactServer, type ArtifactServer } from './sources/artifact-server.js';

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
  /** OCIRepository tuning (the layer byte cap). */
  ociRepository?: Pick<OCIRepositoryReconcilerDeps, 'maxLayerBytes'>;
  logger?: Logger;
}

/** Flux's `--watch-configs-label-selector`: only labelled ConfigMaps/Secrets re-trigger Kustomizations. */
export const WATCH_CONFIGS_SELECTOR = 'reconcile.fluxcd.io/watch=Enabled';

/** A running engine. */
export interface Engine {
  artifactUrl: string;
  stop(): Promise<void>;
}

type Ks = Kustomization & KubeObject;
const requestOf = (o: KubeObject): { namespace: string; name: string } => ({
  namespace: o.metadata.namespace ?? 'default',
  name: o.metadata.name,
});

/**
 * Wires the Flux controllers to a cluster: installs the CRDs, serves artifacts, and runs one
 * reconciler per kind off list+watch informers.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const log: Logger = options.logger ?? (() => {});
  const client = await KubeClient.fromKubeconfig(options.kubeconfigPath);
  const resources = new Resources(client);
  await installCrds(resources, fluxCrds(), 'tideline');
  const workDir = join(options.storageDir, 'tmp');
  mkdirSync(workDir, { recursive: true });
  const store = new ArtifactStore(join(options.storageDir, 'artifacts'), '', options.artifactRetention);
  const artifactServer: ArtifactServer = await startArtifactServer(store, { port: options.artifactPort });
  store.baseUrl = artifactServer.url;
  const sink = kubeEventSink(resources);
  const recorder = (component: string): EventRecorder =>
    new EventRecorder(sink, component, (error) => log('error', `event not recorded: ${String(error)}`));
  const informers: Informer<KubeObject>[] = [];
  const controllers: Controller[] = [];
  const reader = new CachedReader(resources);

  /** One kind: an informer feeding a controller, plus any extra watch reactions. */
  const watchKind = <T extends KubeObject>(
    apiVersion: string,
    kind: string,
    reconciler: Reconciler,
    extra: InformerHandlers<T> = {},
  ) => {
    const controller = new Controller({
      name: kind.toLowerCase(),
      concurrency: options.concurrency ?? 4,
      logger: log,
      reconciler,
    });
    const informer = new Informer<T>(client, resources.mapper, {
      apiVersion,
      kind,
      onError: (e) => log('error', `${kind} watch failed: ${String(e)}`),
    });
    informer.addHandlers({
      onAdd: (o) => {
        controller.enqueue(requestOf(o));
        extra.onAdd?.(o);
      },
      onUpdate: (o, old) => {
        if (shouldReconcileOnUpdate(o, old)) controller.enqueue(requestOf(o));
        extra.onUpdate?.(o, old);
      },
    });
    controllers.push(controller);
    informers.push(informer as unknown as Informer<KubeObject>);
    reader.register(apiVersion, kind, informer as unknown as Informer<KubeObject>);
    return { controller, informer };
  };

  const kustomizations = watchKind<Ks>(
    KUSTOMIZE_API_VERSION,
    'Kustomization',
    new KustomizationReconciler({
      resources,
      reader,
      events: recorder(KUSTOMIZE_MANAGER),
      kubectlBin: options.kubectlBin,
      workDir,
      artifactUrl: (artifact) => `${store.baseUrl}/${artifact.path}`,
      ...options.kustomization,
    }),
    {
      // Tideline's one deliberate improvement over Flux: dependents run as soon as a dependency is Ready.
      onUpdate: (o, old) => {
        if (!becameReady(o, old)) return;
        for (const ks of kustomizations.informer.list()) {
          const dependsOnIt = ks.spec.dependsOn?.some(
            (d) =>
              d.name === o.metadata.name && (d.namespace ?? ks.metadata.namespace) === o.metadata.namespace,
          );
          if (dependsOnIt) kustomizations.controller.enqueue(requestOf(ks));
        }
      },
    },
  );
  const helmCharts = watchKind<KubeObject>(
    SOURCE_API_VERSION,
    'HelmChart',
    new HelmChartReconciler({ resources, reader, store, events: recorder(SOURCE_CONTROLLER) }),
  );
  /** A source's new artifact wakes the Kustomizations and HelmCharts that consume it. */
  const wakeConsumers = {
    onUpdate: (o: KubeObject, old: KubeObject) => {
      if (artifactRevision(o) === artifactRevision(old)) return;
      for (const chart of chartsUsing(o, helmCharts.informer.list()))
        helmCharts.controller.enqueue(requestOf(chart));
      for (const ks of kustomizations.informer.list()) {
        const ref = ks.spec.sourceRef;
        if (
          ref.kind === o.kind &&
          ref.name === o.metadata.name &&
          (ref.namespace ?? ks.metadata.namespace) === o.metadata.namespace
        ) {
          kustomizations.controller.enqueue(requestOf(ks));
        }
      }
    },
  };
  const gitRepositories = watchKind<KubeObject>(
    SOURCE_API_VERSION,
    'GitRepository',
    new GitRepositoryReconciler({
      resources,
      reader,
      store,
      events: recorder(SOURCE_CONTROLLER),
      workDir,
      gitBin: options.gitBin,
    }),
    {
      onUpdate: (o, old) => {
        wakeConsumers.onUpdate(o, old);
        // A new artifact of an included repository rebuilds the repositories that include it.
        if (!artifactChanged(o, old)) return;
        for (const repo of includersOf(o, gitRepositories.informer.list()))
          gitRepositories.controller.enqueue(requestOf(repo));
      },
    },
  );
  watchKind<KubeObject>(
    SOURCE_API_VERSION,
    'OCIRepository',
    new OCIRepositoryReconciler({
      resources,
      reader,
      store,
      events: recorder(SOURCE_CONTROLLER),
      workDir,
      ...options.ociRepository,
    }),
    wakeConsumers,
  );
  watchKind(
    SOURCE_API_VERSION,
    'HelmRepository',
    new HelmRepositoryReconciler({ resources, reader, store, events: recorder(SOURCE_CONTROLLER) }),
    wakeConsumers,
  );

  // A labelled ConfigMap or Secret that feeds post-build substitution (or, for a Secret, holds the
  // kubeconfig of the target cluster) re-triggers its Kustomizations.
  for (const kind of ['ConfigMap', 'Secret']) {
    const informer = new Informer<KubeObject>(client, resources.mapper, {
      apiVersion: 'v1',
      kind,
      labelSelector: WATCH_CONFIGS_SELECTOR,
      onError: (e) => log('error', `${kind} watch failed: ${String(e)}`),
    });
    const wake = (o: KubeObject): void => {
      for (const ks of kustomizations.informer.list()) {
        if (ks.metadata.namespace !== o.metadata.namespace) continue;
        const kubeConfigSecret = ks.spec.kubeConfig?.secretRef?.name;
        if (
          ks.spec.postBuild?.substituteFrom?.some(
            (ref) => ref.kind === kind && ref.name === o.metadata.name,
          ) ||
          (kind === 'Secret' && kubeConfigSecret === o.metadata.name)
        ) {
          kustomizations.controller.enqueue(requestOf(ks));
        }
      }
    };
    informer.addHandlers({ onUpdate: wake, onDelete: wake, onAdd: wake });
    informers.push(informer);
  }

  // As controller-runtime: workers start only once every cache has synced, so a reconcile never
  // reads a source or dependency as missing just because its informer has not listed yet.
  for (const informer of informers) informer.start();
  await Promise.all(informers.map((i) => i.waitForSync()));
  for (const controller of controllers) controller.start();
  log('info', `engine started; artifacts served at ${artifactServer.url}`);
  return {
    artifactUrl: artifactServer.url,
    stop: async () => {
      for (const informer of informers) informer.stop();
      await Promise.all(controllers.map((c) => c.stop()));
      await artifactServer.stop();
    },
  };
}

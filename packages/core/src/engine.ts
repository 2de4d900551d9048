import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fluxCrds } from './api/index.js';
import { KUSTOMIZE_API_VERSION, type Kustomization } from './api/kustomize-v1.js';
import { SOURCE_API_VERSION } from './api/source-v1.js';
import { GitRepositoryReconciler, SOURCE_CONTROLLER } from './controllers/gitrepository/reconciler.js';
import { KUSTOMIZE_MANAGER, KustomizationReconciler } from './controllers/kustomization/reconciler.js';
import { artifactRevision, becameReady, shouldReconcileOnUpdate } from './controllers/watches.js';
import { KubeClient } from './kube/client.js';
import { installCrds } from './kube/crds-install.js';
import { kubeEventSink } from './kube/event-sink.js';
import { Informer } from './kube/informer.js';
import type { KubeObject } from './kube/objects.js';
import { Resources } from './kube/resources.js';
import { Controller, type Logger } from './runtime/controller.js';
import { EventRecorder } from './runtime/event-recorder.js';
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
  logger?: Logger;
}

/** A running engine. */
export interface Engine {
  artifactUrl: string;
  stop(): Promise<void>;
}

/**
 * Wires the Flux controllers to a cluster: installs the CRDs, serves artifacts, and runs the
 * GitRepository and Kustomization reconcilers off list+watch informers.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const log: Logger = options.logger ?? (() => {});
  const client = await KubeClient.fromKubeconfig(options.kubeconfigPath);
  const resources = new Resources(client);
  await installCrds(resources, fluxCrds(), 'tideline');
  const workDir = join(options.storageDir, 'tmp');
  mkdirSync(workDir, { recursive: true });
  const store = new ArtifactStore(join(options.storageDir, 'artifacts'), '');
  const artifactServer: ArtifactServer = await startArtifactServer(store, { port: options.artifactPort });
  store.baseUrl = artifactServer.url;
  const sink = kubeEventSink(resources);
  const onEventError = (error: unknown): void => log('error', `event not recorded: ${String(error)}`);
  const concurrency = options.concurrency ?? 4;

  const gitController = new Controller({
    name: 'gitrepository',
    concurrency,
    logger: log,
    reconciler: new GitRepositoryReconciler({
      resources,
      store,
      events: new EventRecorder(sink, SOURCE_CONTROLLER, onEventError),
      workDir,
      gitBin: options.gitBin,
    }),
  });
  const ksController = new Controller({
    name: 'kustomization',
    concurrency,
    logger: log,
    reconciler: new KustomizationReconciler({
      resources,
      events: new EventRecorder(sink, KUSTOMIZE_MANAGER, onEventError),
      kubectlBin: options.kubectlBin,
      workDir,
      artifactUrl: (artifact) => `${store.baseUrl}/${artifact.path}`,
    }),
  });

  const onError = (kind: string) => (error: unknown) => log('error', `${kind} watch failed: ${String(error)}`);
  const gitInformer = new Informer<KubeObject>(client, resources.mapper, { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', onError: onError('GitRepository') });
  const ksInformer = new Informer<Kustomization & KubeObject>(client, resources.mapper, { apiVersion: KUSTOMIZE_API_VERSION, kind: 'Kustomization', onError: onError('Kustomization') });
  const req = (o: KubeObject): { namespace: string; name: string } => ({ namespace: o.metadata.namespace ?? 'default', name: o.metadata.name });

  const consumersOf = (source: KubeObject): (Kustomization & KubeObject)[] =>
    ksInformer.list().filter((ks) => {
      const ref = ks.spec.sourceRef;
      return ref.kind === source.kind && ref.name === source.metadata.name && (ref.namespace ?? ks.metadata.namespace) === source.metadata.namespace;
    });
  gitInformer.addHandlers({
    onAdd: (o) => gitController.enqueue(req(o)),
    onUpdate: (o, old) => {
      if (shouldReconcileOnUpdate(o, old)) gitController.enqueue(req(o));
      if (artifactRevision(o) !== artifactRevision(old)) for (const ks of consumersOf(o)) ksController.enqueue(req(ks));
    },
  });
  ksInformer.addHandlers({
    onAdd: (o) => ksController.enqueue(req(o)),
    onUpdate: (o, old) => {
      if (shouldReconcileOnUpdate(o, old)) ksController.enqueue(req(o));
      // Tideline's one deliberate improvement over Flux: dependents run as soon as a dependency is Ready.
      if (becameReady(o, old)) {
        for (const ks of ksInformer.list()) {
          if (ks.spec.dependsOn?.some((d) => d.name === o.metadata.name && (d.namespace ?? ks.metadata.namespace) === o.metadata.namespace)) {
            ksController.enqueue(req(ks));
          }
        }
      }
    },
  });
  gitController.start();
  ksController.start();
  gitInformer.start();
  ksInformer.start();
  await Promise.all([gitInformer.waitForSync(), ksInformer.waitForSync()]);
  log('info', `engine started; artifacts served at ${artifactServer.url}`);
  return {
    artifactUrl: artifactServer.url,
    stop: async () => {
      gitInformer.stop();
      ksInformer.stop();
      await Promise.all([gitController.stop(), ksController.stop()]);
      await artifactServer.stop();
    },
  };
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fluxCrds } from './api/index.js';
import type { EngineServices, RegisterKind } from './controllers/engine-services.js';
import { registerGitRepository } from './controllers/gitrepository/register.js';
import { registerHelmChart } from './controllers/helmchart/register.js';
import { registerHelmRelease } from './controllers/helmrelease/register.js';
import { registerHelmRepository } from './controllers/helmrepository/register.js';
import { registerImagePolicy } from './controllers/imagepolicy/register.js';
import { registerImageRepository } from './controllers/imagerepository/register.js';
import { registerImageUpdateAutomation } from './controllers/imageupdateautomation/register.js';
import {
  KustomizationPlanner,
  PlanUnavailableError,
  type KustomizationPlan,
} from './controllers/kustomization/plan.js';
import { HelmReleasePlanner, type HelmReleasePlan } from './controllers/helmrelease/plan.js';
import { helmReleaseDeps } from './controllers/helmrelease/register.js';
import { KUSTOMIZE_MANAGER } from './controllers/kustomization/reconciler.js';
import { registerKustomization } from './controllers/kustomization/register.js';
import { createDispatcher } from './controllers/notification/dispatch-setup.js';
import { registerOCIRepository } from './controllers/ocirepository/register.js';
import { receiverGatewayFor, registerReceiver } from './controllers/receiver/register.js';
import type { ReceiverGateway } from './controllers/receiver/gateway.js';
import type { EngineOptions } from './engine-options.js';
import { CachedReader } from './kube/cached-reader.js';
import { KubeClient } from './kube/client.js';
import { installCrds } from './kube/crds-install.js';
import { kubeEventSink } from './kube/event-sink.js';
import { Resources } from './kube/resources.js';
import type { Logger } from './runtime/controller.js';
import { errorMessage } from './runtime/errors.js';
import { currentReconcileScope } from './runtime/reconcile-scope.js';
import { DEFAULT_LEASE_NAME, leaderElectionId } from './runtime/shard.js';
import { EventRecorder } from './runtime/event-recorder.js';
import type { NotificationDispatcher } from './notify/dispatcher.js';
import { Manager } from './runtime/manager.js';
import { engineIdentity, startCoordination } from './runtime/coordination.js';
import type { EngineState } from './runtime/reconcile-gate.js';
import { ArtifactStore } from './sources/artifact-store.js';
import { startArtifactServer } from './sources/artifact-server.js';

export type { EngineOptions } from './engine-options.js';

/** Every kind's controller, in the order `flux get all` lists them. */
const CONTROLLERS: readonly RegisterKind[] = [
  registerOCIRepository,
  registerGitRepository,
  registerHelmRepository,
  registerHelmChart,
  registerImageRepository,
  registerImagePolicy,
  registerImageUpdateAutomation,
  registerHelmRelease,
  registerKustomization,
  registerReceiver,
];

/** Refuses a selector the API server cannot parse, before any cache is built on it. */
async function checkWatchLabelSelector(resources: Resources, selector: string | undefined): Promise<void> {
  if (!selector) return;
  try {
    await resources.list('v1', 'Namespace', { labelSelector: selector, resourceVersion: '0' });
  } catch (error) {
    throw new Error(`invalid watch label selector "${selector}": ${errorMessage(error)}`);
  }
}

/** A running engine. */
export interface Engine {
  /** Base URL of the artifact server, its secret path prefix included (never log it). */
  artifactUrl: string;
  /** The Receiver webhook logic; the server serves it at `/hook/…` on its own port. */
  receivers: ReceiverGateway;
  /** The notification dispatcher (queue stats; `idle()` for tests). */
  notifications: NotificationDispatcher;
  /** Its identity in the leader Lease and in its Events' `reportingInstance`. */
  identity: string;
  /** Whether it reconciles now, and why (leader election, Flux coexistence). */
  state(): EngineState;
  /** What the next apply of a Kustomization would change (`flux diff kustomization`); writes nothing. */
  planKustomization(namespace: string, name: string, signal: AbortSignal): Promise<KustomizationPlan>;
  /** What the next upgrade of a HelmRelease would change, and its drift (rendered with the pinned helm); writes nothing. */
  planHelmRelease(namespace: string, name: string, signal: AbortSignal): Promise<HelmReleasePlan>;
  stop(): Promise<void>;
}

/**
 * Wires the Flux controllers to a cluster: installs the CRDs, serves artifacts, registers
 * each kind's controller with a manager of shared informers, and runs them while this engine
 * leads and Flux's own controllers are absent.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const sinkLog = options.logger;
  // Every line logged inside a reconcile carries that reconcile's fields, as controller-runtime's.
  const log: Logger = sinkLog
    ? (level, message, fields) => sinkLog(level, message, { ...currentReconcileScope(), ...fields })
    : () => undefined;
  const client = await KubeClient.fromKubeconfig(options.kubeconfigPath);
  const resources = new Resources(client);
  await checkWatchLabelSelector(resources, options.watchLabelSelector);
  await installCrds(resources, fluxCrds(), 'tideline', log);
  const workDir = join(options.storageDir, 'tmp');
  mkdirSync(workDir, { recursive: true });
  const store = new ArtifactStore(join(options.storageDir, 'artifacts'), '', options.artifactRetention);
  const artifactServer = await startArtifactServer(store, { port: options.artifactPort });
  store.baseUrl = artifactServer.url;
  const sink = kubeEventSink(resources);
  const identity = options.coordination?.identity ?? engineIdentity();
  const reader = new CachedReader(resources);
  // Every controller's events go to the dispatcher, which needs the manager's informers.
  const forwarding: { to?: NotificationDispatcher } = {};
  const services: EngineServices = {
    resources,
    reader,
    store,
    workDir,
    log,
    recorder: (component, recorderOptions) =>
      new EventRecorder(
        sink,
        component,
        (error) => log('error', `event not recorded: ${String(error)}`),
        identity,
        recorderOptions?.forward === false ? undefined : (event) => void forwarding.to?.forward(event),
      ),
  };
  const manager = new Manager({
    client,
    mapper: resources.mapper,
    reader,
    logger: log,
    concurrency: options.concurrency ?? 4,
    services,
    metrics: options.metrics,
    watchLabelSelector: options.watchLabelSelector,
  });
  const dispatcher = createDispatcher(manager, options);
  forwarding.to = dispatcher;
  for (const register of CONTROLLERS) register(manager, options);
  // Built as the Kustomization reconciler is, so a plan builds and applies as its reconcile would.
  const planner = new KustomizationPlanner({
    resources,
    reader,
    events: services.recorder(KUSTOMIZE_MANAGER, { forward: false }),
    kubectlBin: options.kubectlBin,
    workDir,
    artifactUrl: (artifact) => store.fetchUrl(artifact),
    addressPolicy: options.addressPolicy,
    ...options.kustomization,
  });
  const releaseDeps = helmReleaseDeps(services, options);
  const releasePlanner = releaseDeps ? new HelmReleasePlanner(releaseDeps) : undefined;
  const receivers = receiverGatewayFor(manager, options);
  await manager.start();
  const coordination = await startCoordination(
    resources,
    manager,
    {
      ...options.coordination,
      leaseName:
        options.coordination?.leaseName ?? leaderElectionId(DEFAULT_LEASE_NAME, options.watchLabelSelector),
      identity,
    },
    log,
  );
  log('info', `engine started; artifacts served at ${artifactServer.origin}`);
  return {
    artifactUrl: artifactServer.url,
    receivers,
    notifications: dispatcher,
    identity,
    state: () => coordination.state(),
    planKustomization: (namespace, name, signal) => planner.plan(namespace, name, signal),
    planHelmRelease: (namespace, name, signal) => {
      if (!releasePlanner)
        return Promise.reject(
          new PlanUnavailableError('this engine runs no helm binary: HelmReleases are not reconciled'),
        );
      return releasePlanner.plan(namespace, name, signal);
    },
    stop: async () => {
      await coordination.stop();
      await manager.stop();
      await artifactServer.stop();
    },
  };
}

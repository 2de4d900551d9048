import type { KindDefinition } from '../api/kind-definition.js';
import { storageApiVersion } from '../api/kind-definition.js';
import { parseLabelSelector, type LabelPredicate } from '../api/label-selector-string.js';
import type { CachedReader } from '../kube/cached-reader.js';
import type { KubeClient } from '../kube/client.js';
import { Informer } from '../kube/informer.js';
import type { KubeObject } from '../kube/objects.js';
import type { ResourceMapper } from '../kube/resource-mapper.js';
import { shouldReconcileOnUpdate } from './predicates.js';
import { Controller, type Logger, type ReconcileRequest, type Reconciler } from './controller.js';
import type { MetricsSink } from './metrics-sink.js';

/** The request that reconciles an object. Pure. */
export function requestOf(obj: KubeObject): ReconcileRequest {
  return { namespace: obj.metadata.namespace ?? 'default', name: obj.metadata.name };
}

/**
 * A watch of another kind (or of the controller's own kind, for extra reactions) whose changes
 * map to reconcile requests: controller-runtime's `Watches(source, EnqueueRequestsFromMapFunc)`.
 */
export interface WatchSpec<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  /** Only objects carrying these labels (a separate cache, never used for reads). */
  labelSelector?: string;
  onAdd?(obj: T): ReconcileRequest[];
  onUpdate?(obj: T, old: T): ReconcileRequest[];
  onDelete?(obj: T): ReconcileRequest[];
}

/** One controller: the kind it reconciles (`For`), its reconciler, and what else wakes it. */
export interface ControllerSpec {
  kind: KindDefinition;
  reconciler: Reconciler;
  concurrency?: number;
  watches?: readonly WatchSpec[];
}

/** What `add` hands back: the objects this engine reconciles (its shard), for map functions. */
export interface ControllerHandle<T extends KubeObject = KubeObject> {
  informer: { list(): T[] };
}

/** What a manager needs from the engine. */
export interface ManagerDeps<S> {
  client: KubeClient;
  mapper: ResourceMapper;
  reader: CachedReader;
  logger: Logger;
  /** Default workers per controller. */
  concurrency: number;
  /** The engine's shared services, handed to every kind's `register`. */
  services: S;
  /** Reconcile and work-queue metrics (none when undefined). */
  metrics?: MetricsSink;
  /**
   * Flux's `--watch-label-selector`: each controller reconciles only the objects it selects, so
   * engines with disjoint selectors split a cluster. In Flux each controller is its own process
   * and filters only its `For` kind's cache (`ByObject`), so a Kustomization still reads a source
   * of another shard. Here one process runs every controller and needs every kind unfiltered for
   * such reads, so the selector filters events and reads of the kind's one shared cache: a second,
   * server-filtered cache of the same kind is a second watch stream, and the reconciler woken by
   * one could read the other before the object reached it (a lost first reconcile).
   */
  watchLabelSelector?: string;
}

interface Registered {
  spec: ControllerSpec;
  informer: Informer<KubeObject>;
  running?: Controller;
}

/**
 * Runs controllers off shared informers, as controller-runtime's manager: one cache per kind
 * (and label selector) whoever watches it; caches start and sync first; controllers run only
 * while the manager is active (the leader, with no Flux controllers in the cluster), and on
 * activation every object of their kind is queued, as a new leader's informers deliver them.
 */
export class Manager<S = unknown> {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private readonly controllers: Registered[] = [];
  private active = false;
  /** Whether an object is of this engine's shard; undefined when unsharded. */
  private readonly selects?: LabelPredicate;

  constructor(private readonly deps: ManagerDeps<S>) {
    if (deps.watchLabelSelector) this.selects = parseLabelSelector(deps.watchLabelSelector);
  }

  /** Whether this engine reconciles `obj` (always, unsharded). */
  private mine(obj: KubeObject): boolean {
    return this.selects?.(obj.metadata.labels) ?? true;
  }

  /** Whether a request names an object of this shard that the cache holds (always, unsharded). */
  private owns(informer: Informer<KubeObject>, request: ReconcileRequest): boolean {
    if (!this.selects) return true;
    const obj = informer.get(request.namespace, request.name);
    return obj !== undefined && this.mine(obj);
  }

  /** The engine's shared services (clients, artifact store, event recorders, …). */
  get services(): S {
    return this.deps.services;
  }

  /** The shared informer of a kind; unfiltered ones also serve the cached reader. */
  informer<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    labelSelector?: string,
  ): Informer<T> {
    const key = `${apiVersion}/${kind}?${labelSelector ?? ''}`;
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer<KubeObject>(this.deps.client, this.deps.mapper, {
        apiVersion,
        kind,
        labelSelector,
        onError: (e) => this.deps.logger('error', `${kind} watch failed: ${String(e)}`),
      });
      if (!labelSelector) this.deps.reader.register(apiVersion, kind, informer);
      this.informers.set(key, informer);
    }
    return informer as unknown as Informer<T>;
  }

  /** Registers a controller; it runs once the manager is started and active. */
  add<T extends KubeObject = KubeObject>(spec: ControllerSpec): ControllerHandle<T> {
    const informer = this.informer(storageApiVersion(spec.kind), spec.kind.kind);
    const registered: Registered = { spec: this.sharded(spec, informer), informer };
    this.controllers.push(registered);
    const enqueue = (requests: readonly ReconcileRequest[]): void => {
      for (const request of requests) if (this.owns(informer, request)) registered.running?.enqueue(request);
    };
    const gone = (o: KubeObject): void =>
      this.deps.metrics?.objectDeleted(spec.kind.kind, requestOf(o).namespace, o.metadata.name);
    informer.addHandlers({
      onAdd: (o) => enqueue([requestOf(o)]),
      // An object labelled into the shard arrives as an add, one labelled out as a deletion,
      // as a server-filtered cache would deliver them.
      onUpdate: (o, old) => {
        if (!this.mine(o)) return this.mine(old) ? gone(old) : undefined;
        enqueue(!this.mine(old) || shouldReconcileOnUpdate(o, old) ? [requestOf(o)] : []);
      },
      onDelete: (o) => (this.mine(o) ? gone(o) : undefined),
    });
    for (const watch of spec.watches ?? []) {
      this.informer(watch.apiVersion, watch.kind, watch.labelSelector).addHandlers({
        onAdd: (o) => enqueue(watch.onAdd?.(o) ?? []),
        onUpdate: (o, old) => enqueue(watch.onUpdate?.(o, old) ?? []),
        onDelete: (o) => enqueue(watch.onDelete?.(o) ?? []),
      });
    }
    return { informer: { list: () => (informer.list() as T[]).filter((o) => this.mine(o)) } };
  }

  /**
   * With a selector, a reconcile of an object that has left the shard since it was queued (a
   * requeue after its label changed) does nothing, as a Get from a filtered cache finds nothing.
   */
  private sharded(spec: ControllerSpec, informer: Informer<KubeObject>): ControllerSpec {
    if (!this.selects) return spec;
    const { reconciler } = spec;
    return {
      ...spec,
      reconciler: {
        reconcile: (request, signal) =>
          this.owns(informer, request) ? reconciler.reconcile(request, signal) : Promise.resolve({}),
      },
    };
  }

  /** Starts every cache and resolves once each has listed. Controllers wait for {@link activate}. */
  async start(): Promise<void> {
    for (const informer of this.informers.values()) informer.start();
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }

  /** Whether controllers are running. */
  get isActive(): boolean {
    return this.active;
  }

  /** Starts the controllers and queues every object of their kinds. */
  activate(): void {
    if (this.active) return;
    this.active = true;
    for (const registered of this.controllers) {
      const { kind } = registered.spec;
      const controller = new Controller({
        name: kind.kind.toLowerCase(),
        kind: kind.kind,
        group: kind.group,
        concurrency: registered.spec.concurrency ?? this.deps.concurrency,
        logger: this.deps.logger,
        metrics: this.deps.metrics,
        reconciler: registered.spec.reconciler,
      });
      registered.running = controller;
      controller.start();
      for (const obj of registered.informer.list()) if (this.mine(obj)) controller.enqueue(requestOf(obj));
    }
  }

  /** Stops the controllers (aborting running reconciles); the caches keep watching. */
  async deactivate(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    const running = this.controllers.flatMap((r) => (r.running ? [r.running] : []));
    for (const registered of this.controllers) registered.running = undefined;
    await Promise.all(running.map((c) => c.stop()));
  }

  /** Stops controllers and caches. */
  async stop(): Promise<void> {
    await this.deactivate();
    for (const informer of this.informers.values()) informer.stop();
  }
}

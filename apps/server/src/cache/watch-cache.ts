import {
  FLUX_KINDS as KIND_DEFINITIONS,
  Informer,
  isFluxKindName,
  kindDefinition,
  storageApiVersion,
  type KubeClient,
  type Resources,
} from '@tideline/core';
import {
  FLUX_KINDS,
  type EventDto,
  type FluxKind,
  type FluxObjectSummary,
  type KustomizationPlanDto,
  type StreamMessage,
  type SystemStatusDto,
  type TransitionDto,
} from '../api/dto.js';
import { ChangeFeed } from './change-feed.js';
import { kustomizationDrift, PlanDriftMemory, planDriftRecord } from './drift.js';
import { NotificationLog } from './notification-log.js';
import { ObjectHistory } from './object-history.js';
import { DEFAULT_EVENT_LIMITS, EventIndex, type EventIndexLimits } from './event-index.js';
import {
  objectId,
  toEventDto,
  toSummary,
  withDrift,
  type CoreEventResource,
  type FluxResource,
} from './to-dto.js';

/**
 * The server's view of the cluster: list+watch of every Flux kind and of core/v1 Events about
 * them. The API reads only from here (never from engine internals), and every change is
 * published on the {@link ChangeFeed} that the live stream serves. Events are watched per Flux
 * kind with a field selector (`involvedObject.kind=<Kind>`), so the apiserver never sends the
 * cluster's other Events, and are kept in a bounded {@link EventIndex}.
 */
export class WatchCache {
  readonly feed = new ChangeFeed();
  private readonly informers = new Map<FluxKind, Informer<FluxResource>>();
  private readonly eventInformers: Informer<CoreEventResource>[] = [];
  private readonly eventIndex: EventIndex;
  /** Summaries by id, computed once per change: lists and snapshots only copy them. */
  private readonly summaries = new Map<string, FluxObjectSummary>();
  private system: SystemStatusDto | undefined;
  private readonly history = new ObjectHistory();
  private readonly notificationLog = new NotificationLog();
  private readonly planDrift = new PlanDriftMemory();
  /** The caps of the Event index. */
  readonly eventLimits: EventIndexLimits;

  constructor(
    client: KubeClient,
    resources: Resources,
    onError: (message: string) => void,
    eventLimits?: EventIndexLimits,
  ) {
    this.eventLimits = eventLimits ?? DEFAULT_EVENT_LIMITS;
    this.eventIndex = new EventIndex(this.eventLimits);
    for (const def of KIND_DEFINITIONS) {
      const kind = def.kind;
      const informer = new Informer<FluxResource>(client, resources.mapper, {
        apiVersion: storageApiVersion(def),
        kind,
        onError: (e) => onError(`${kind} watch: ${String(e)}`),
      });
      const publish = (obj: FluxResource): void => {
        const summary = this.summarize(obj);
        this.history.record(this.summaries.get(summary.id), summary, new Date().toISOString());
        this.summaries.set(summary.id, summary);
        this.notificationLog.record(obj);
        this.feed.publish({ type: 'object', object: summary });
      };
      informer.addHandlers({
        onAdd: publish,
        onUpdate: publish,
        onDelete: (obj) => {
          const id = objectId(kind, obj.metadata.namespace ?? '', obj.metadata.name);
          this.summaries.delete(id);
          this.history.drop(id);
          this.notificationLog.drop(id);
          this.planDrift.drop(id);
          this.eventIndex.dropObject(id);
          this.feed.publish({ type: 'deleted', id });
        },
      });
      this.informers.set(kind, informer);
      this.eventInformers.push(this.eventInformer(client, resources, kind, onError));
    }
  }

  private eventInformer(
    client: KubeClient,
    resources: Resources,
    kind: FluxKind,
    onError: (message: string) => void,
  ): Informer<CoreEventResource> {
    const informer = new Informer<CoreEventResource>(client, resources.mapper, {
      apiVersion: 'v1',
      kind: 'Event',
      fieldSelector: `involvedObject.kind=${kind}`,
      onError: (e) => onError(`${kind} Event watch: ${String(e)}`),
      // The index holds what the API serves; the informer only needs to tell new from seen
      // and to notice deletions, so it keeps names and versions, whatever the cluster holds.
      keep: (event) => ({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: {
          name: event.metadata.name,
          namespace: event.metadata.namespace,
          uid: event.metadata.uid,
          resourceVersion: event.metadata.resourceVersion,
        },
      }),
    });
    const onEvent = (event: CoreEventResource): void => {
      if (!isFluxKindName(event.involvedObject?.kind ?? '')) return;
      const dto = toEventDto(event);
      this.eventIndex.upsert(dto);
      this.feed.publish({ type: 'event', event: dto });
    };
    informer.addHandlers({
      onAdd: onEvent,
      onUpdate: onEvent,
      onDelete: (event) =>
        this.eventIndex.remove(
          event.metadata.uid ?? `${event.metadata.namespace ?? ''}/${event.metadata.name}`,
        ),
    });
    return informer;
  }

  /** A summary, with a Kustomization's drift from its last diff. */
  private summarize(obj: FluxResource): FluxObjectSummary {
    const summary = toSummary(obj);
    if (obj.kind !== 'Kustomization') return summary;
    const id = objectId(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name);
    const { drift: _none, ...rest } = summary;
    return { ...rest, ...withDrift(kustomizationDrift(obj, this.planDrift.get(id))) };
  }

  /**
   * Keeps what a desired-vs-live diff found (the passive drift badge) and publishes the
   * object's summary again when its badge changed, so every open overview shows it.
   */
  recordPlan(key: { kind: FluxKind; namespace: string; name: string }, plan: KustomizationPlanDto): void {
    const id = objectId(key.kind, key.namespace, key.name);
    this.planDrift.set(id, planDriftRecord(plan, new Date().toISOString()));
    const obj = this.object(key.kind, key.namespace, key.name);
    if (!obj) return;
    const summary = this.summarize(obj);
    if (JSON.stringify(summary.drift) === JSON.stringify(this.summaries.get(id)?.drift)) return;
    this.summaries.set(id, summary);
    this.feed.publish({ type: 'object', object: summary });
  }

  /** Starts every watch and resolves when the first lists are in. */
  async start(): Promise<void> {
    for (const informer of [...this.informers.values(), ...this.eventInformers]) informer.start();
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }

  /** Stops every watch. */
  stop(): void {
    for (const informer of [...this.informers.values(), ...this.eventInformers]) informer.stop();
  }

  /** Cached objects of one kind, or of all kinds. */
  objects(kind?: FluxKind): FluxResource[] {
    const kinds = kind ? [kind] : FLUX_KINDS;
    return kinds.flatMap((k) => this.informers.get(k)?.list() ?? []);
  }

  /** Summaries of every cached object (or one kind's), in no particular order. */
  summaryList(kind?: FluxKind): FluxObjectSummary[] {
    const all = [...this.summaries.values()];
    return kind ? all.filter((s) => s.kind === kind) : all;
  }

  /** One cached object. */
  object(kind: FluxKind, namespace: string, name: string): FluxResource | undefined {
    return this.informers.get(kind)?.get(namespace, name);
  }

  /** Recent events about an object, newest first. */
  events(id: string): EventDto[] {
    return this.eventIndex.forObject(id);
  }

  /** Ready transitions and revisions seen for an object while this server ran, newest first. */
  transitions(id: string): TransitionDto[] {
    return this.history.forObject(id);
  }

  /** A Provider's deliveries or a Receiver's calls seen while this server ran, newest first. */
  notifications(id: string): ReturnType<NotificationLog['forObject']> {
    return this.notificationLog.forObject(id);
  }

  /** Every indexed Event, most recently updated first. */
  recentEvents(): EventDto[] {
    return this.eventIndex.newestFirst();
  }

  /**
   * Events held: `indexed` (what the API serves, bounded) and `watched` (the Event informers'
   * own stores, which only ever receive Events about Flux kinds). For metrics and tests.
   */
  eventStats(): { indexed: number; watched: number } {
    const watched = this.eventInformers.reduce((sum, informer) => sum + informer.list().length, 0);
    return { indexed: this.eventIndex.size, watched };
  }

  /** Publishes who reconciles the cluster (kept for new subscribers' snapshots). */
  setSystemStatus(status: SystemStatusDto): void {
    this.system = status;
    this.feed.publish({ type: 'system', status });
  }

  /** The current objects as stream messages (what a subscriber without a usable id sees first). */
  snapshot(): StreamMessage[] {
    return this.summaryList().map((object): StreamMessage => ({ type: 'object', object }));
  }

  /** What every subscriber gets first: who reconciles the cluster. */
  preamble(): StreamMessage[] {
    return this.system ? [{ type: 'system', status: this.system }] : [];
  }
}

/** The API version a Flux kind is stored at (the registry's first version). */
export function apiVersionOf(kind: FluxKind): string {
  const def = kindDefinition(kind);
  if (!def) throw new Error(`${kind} is not a registered Flux kind`);
  return storageApiVersion(def);
}

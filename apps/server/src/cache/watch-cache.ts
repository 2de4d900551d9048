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
  type StreamMessage,
  type SystemStatusDto,
} from '../api/dto.js';
import { ChangeFeed } from './change-feed.js';
import { objectId, toEventDto, toSummary, type CoreEventResource, type FluxResource } from './to-dto.js';

/** Events kept per object (newest first). */
const EVENTS_PER_OBJECT = 50;

/**
 * The server's view of the cluster: list+watch of every Flux kind and of core/v1 Events about
 * them. The API reads only from here (never from engine internals), and every change is
 * published on the {@link ChangeFeed} that the live stream serves.
 */
export class WatchCache {
  readonly feed = new ChangeFeed();
  private readonly informers = new Map<FluxKind, Informer<FluxResource>>();
  private readonly eventInformer: Informer<CoreEventResource>;
  private readonly eventsByObject = new Map<string, EventDto[]>();
  private system: SystemStatusDto | undefined;

  constructor(client: KubeClient, resources: Resources, onError: (message: string) => void) {
    for (const def of KIND_DEFINITIONS) {
      const kind = def.kind;
      const informer = new Informer<FluxResource>(client, resources.mapper, {
        apiVersion: storageApiVersion(def),
        kind,
        onError: (e) => onError(`${kind} watch: ${String(e)}`),
      });
      const publish = (obj: FluxResource): void =>
        this.feed.publish({ type: 'object', object: toSummary(obj) });
      informer.addHandlers({
        onAdd: publish,
        onUpdate: publish,
        onDelete: (obj) =>
          this.feed.publish({
            type: 'deleted',
            id: objectId(kind, obj.metadata.namespace ?? '', obj.metadata.name),
          }),
      });
      this.informers.set(kind, informer);
    }
    this.eventInformer = new Informer<CoreEventResource>(client, resources.mapper, {
      apiVersion: 'v1',
      kind: 'Event',
      onError: (e) => onError(`Event watch: ${String(e)}`),
    });
    const onEvent = (event: CoreEventResource): void => {
      if (!isFluxKindName(event.involvedObject?.kind ?? '')) return;
      const dto = toEventDto(event);
      const list = (this.eventsByObject.get(dto.objectId) ?? []).filter((e) => e.uid !== dto.uid);
      list.unshift(dto);
      list.sort((a, b) => (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? ''));
      this.eventsByObject.set(dto.objectId, list.slice(0, EVENTS_PER_OBJECT));
      this.feed.publish({ type: 'event', event: dto });
    };
    this.eventInformer.addHandlers({ onAdd: onEvent, onUpdate: onEvent });
  }

  /** Starts every watch and resolves when the first lists are in. */
  async start(): Promise<void> {
    for (const informer of [...this.informers.values(), this.eventInformer]) informer.start();
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }

  /** Stops every watch. */
  stop(): void {
    for (const informer of [...this.informers.values(), this.eventInformer]) informer.stop();
  }

  /** Cached objects of one kind, or of all kinds. */
  objects(kind?: FluxKind): FluxResource[] {
    const kinds = kind ? [kind] : FLUX_KINDS;
    return kinds.flatMap((k) => this.informers.get(k)?.list() ?? []);
  }

  /** One cached object. */
  object(kind: FluxKind, namespace: string, name: string): FluxResource | undefined {
    return this.informers.get(kind)?.get(namespace, name);
  }

  /** Recent events about an object, newest first. */
  events(id: string): EventDto[] {
    return this.eventsByObject.get(id) ?? [];
  }

  /** Publishes who reconciles the cluster (kept for new subscribers' snapshots). */
  setSystemStatus(status: SystemStatusDto): void {
    this.system = status;
    this.feed.publish({ type: 'system', status });
  }

  /** The current state as stream messages (what a new subscriber sees first). */
  snapshot(): StreamMessage[] {
    const objects = this.objects().map((obj): StreamMessage => ({ type: 'object', object: toSummary(obj) }));
    return this.system ? [{ type: 'system', status: this.system }, ...objects] : objects;
  }
}

/** The API version a Flux kind is stored at (the registry's first version). */
export function apiVersionOf(kind: FluxKind): string {
  const def = kindDefinition(kind);
  if (!def) throw new Error(`${kind} is not a registered Flux kind`);
  return storageApiVersion(def);
}

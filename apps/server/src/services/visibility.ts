import type { EventDto, FluxKind, FluxObjectSummary, StreamMessage, TransitionDto } from '../api/dto.js';
import type { FluxResource } from '../cache/to-dto.js';
import type { WatchCache } from '../cache/watch-cache.js';

/** Whether objects of a namespace exist for the caller. */
export type NamespaceFilter = (namespace: string) => boolean;

/** What the read services take from the watch cache: only what one caller may see. */
export type CacheView = Pick<
  WatchCache,
  'objects' | 'object' | 'events' | 'summaryList' | 'transitions' | 'recentEvents'
>;

/**
 * The watch cache as one caller sees it: objects (and so their Events, graph nodes and counts)
 * of namespaces it may not see are absent, not hidden. An Event lives in its object's namespace.
 */
export function visibleCache(cache: CacheView, visible: NamespaceFilter): CacheView {
  return {
    objects: (kind?: FluxKind): FluxResource[] =>
      cache.objects(kind).filter((o) => visible(o.metadata.namespace ?? '')),
    object: (kind: FluxKind, namespace: string, name: string): FluxResource | undefined =>
      visible(namespace) ? cache.object(kind, namespace, name) : undefined,
    events: (id: string): EventDto[] => (visible(namespaceOfId(id)) ? cache.events(id) : []),
    summaryList: (kind?: FluxKind): FluxObjectSummary[] =>
      cache.summaryList(kind).filter((o) => visible(o.namespace)),
    transitions: (id: string): TransitionDto[] => (visible(namespaceOfId(id)) ? cache.transitions(id) : []),
    recentEvents: (): EventDto[] => cache.recentEvents().filter((e) => visible(e.namespace)),
  };
}

/** The namespace of an object id `<Kind>/<namespace>/<name>`. Pure. */
export function namespaceOfId(id: string): string {
  return id.split('/')[1] ?? '';
}

/** Whether a live-stream message is about something the caller may see (the system status is for all). Pure. */
export function isVisibleMessage(message: StreamMessage, visible: NamespaceFilter): boolean {
  switch (message.type) {
    case 'object':
      return visible(message.object.namespace);
    case 'deleted':
      return visible(namespaceOfId(message.id));
    case 'event':
      return visible(message.event.namespace);
    case 'system':
      return true;
  }
}

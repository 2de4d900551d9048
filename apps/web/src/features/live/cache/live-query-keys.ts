import type { QueryKey } from '@tanstack/react-query';
import type { ObjectKey } from '../../objects/selectors/object-key';

/** The query keys the live stream reads and writes, supplied by the tRPC proxy. */
export interface LiveQueryKeys {
  /** The `objects.snapshot` query: the one object store. */
  snapshot: QueryKey;
  /** Prefix matching every `events.list` query, whatever its filter. */
  eventsPrefix: QueryKey;
  /** The `objects.get` query of one object. */
  detail: (key: ObjectKey) => QueryKey;
  /** Prefix matching every graph query (`graph.get`, `graph.explain`). */
  graphPrefix: QueryKey;
}

/** The client-only cache of recent events; only the live stream writes it. */
export const LIVE_EVENTS_KEY = ['live', 'events'] as const;

/** The client-only system status (who reconciles); only the live stream writes it. */
export const LIVE_SYSTEM_KEY = ['live', 'system'] as const;

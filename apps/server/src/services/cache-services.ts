import { RECONCILE_REQUESTED_ANNOTATION, type Resources } from '@tideline/core';
import { apiVersionOf, type WatchCache } from '../cache/watch-cache.js';
import { objectId, toDetail, toSummary } from '../cache/to-dto.js';
import { createGraphService } from './graph-service.js';
import { InventoryHealth } from './inventory-health.js';
import {
  ObjectNotFoundError,
  type ActionsService,
  type ObjectKey,
  type ObjectsService,
  type Services,
  type StreamService,
} from './types.js';

/** Objects, graph and stream read from the watch cache; actions patch the cluster. */
export function createServices(
  cache: WatchCache,
  resources: Resources,
  now: () => Date = () => new Date(),
): Services {
  const objects: ObjectsService = {
    list: ({ kind, namespace }) =>
      cache
        .objects(kind)
        .filter((o) => !namespace || o.metadata.namespace === namespace)
        .map(toSummary)
        .sort((a, b) => a.id.localeCompare(b.id)),
    get: ({ kind, namespace, name }) => {
      const obj = cache.object(kind, namespace, name);
      return obj ? toDetail(obj, cache.events(objectId(kind, namespace, name))) : undefined;
    },
  };
  const graph = createGraphService(cache, new InventoryHealth(resources));
  const patch = async (key: ObjectKey, body: unknown): Promise<void> => {
    if (!cache.object(key.kind, key.namespace, key.name)) throw new ObjectNotFoundError(key);
    await resources.mergePatch(
      { apiVersion: apiVersionOf(key.kind), kind: key.kind, namespace: key.namespace, name: key.name },
      body,
      'tideline',
    );
  };
  const actions: ActionsService = {
    suspend: (key) => patch(key, { spec: { suspend: true } }),
    resume: (key) => patch(key, { spec: { suspend: false } }),
    reconcile: async (key) => {
      const requestedAt = now().toISOString();
      await patch(key, { metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt } } });
      return requestedAt;
    },
  };
  const stream: StreamService = {
    subscribe: (lastEventId, signal) => cache.feed.subscribe(lastEventId, signal, () => cache.snapshot()),
  };
  return { objects, graph, actions, stream };
}

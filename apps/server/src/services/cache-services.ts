import { RECONCILE_REQUESTED_ANNOTATION, type Resources } from '@tideline/core';
import { canSee, roleIn } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import { roleAtLeast } from '../auth/roles.js';
import { apiVersionOf, type WatchCache } from '../cache/watch-cache.js';
import { objectId, toDetail, toSummary } from '../cache/to-dto.js';
import { createGraphService } from './graph-service.js';
import { InventoryHealth } from './inventory-health.js';
import {
  AccessDeniedError,
  ObjectNotFoundError,
  type ActionsService,
  type ObjectKey,
  type ObjectsService,
  type ServicesFor,
  type StreamService,
} from './types.js';
import { isVisibleMessage, visibleCache, type CacheView } from './visibility.js';

/**
 * Objects, graph and stream read from the watch cache; actions patch the cluster. Each request
 * gets the services as its caller sees them: every read goes through {@link visibleCache} or the
 * stream filter, so no router can show another namespace; actions need the operator role in
 * the object's namespace and are sent to Kubernetes impersonating the caller.
 */
export function createServices(
  cache: WatchCache,
  resources: Resources,
  now: () => Date = () => new Date(),
): ServicesFor {
  const health = new InventoryHealth(resources);
  return (principal) => {
    const visible = (namespace: string): boolean => canSee(principal.access, namespace);
    const view = visibleCache(cache, visible);
    const stream: StreamService = {
      subscribe: (lastEventId, signal) =>
        filterStream(
          cache.feed.subscribe(lastEventId, signal, () => cache.snapshot()),
          (m) => isVisibleMessage(m, visible),
        ),
    };
    return {
      objects: objectsService(view),
      graph: createGraphService(view, health),
      actions: actionsService(view, resources, principal, now),
      stream,
    };
  };
}

function objectsService(view: CacheView): ObjectsService {
  return {
    list: ({ kind, namespace }) =>
      view
        .objects(kind)
        .filter((o) => !namespace || o.metadata.namespace === namespace)
        .map(toSummary)
        .sort((a, b) => a.id.localeCompare(b.id)),
    get: ({ kind, namespace, name }) => {
      const obj = view.object(kind, namespace, name);
      return obj ? toDetail(obj, view.events(objectId(kind, namespace, name))) : undefined;
    },
  };
}

/**
 * Actions as the caller: an object it cannot see does not exist; a role below operator there is
 * refused before the cluster is asked; the patch goes out with `Impersonate-User` and every
 * `Impersonate-Group` of the caller (the break-glass admin acts as the server), so the
 * cluster's RBAC has the last word and its refusal is what the caller reads.
 */
function actionsService(
  view: CacheView,
  resources: Resources,
  principal: Principal,
  now: () => Date,
): ActionsService {
  const patch = async (key: ObjectKey, body: unknown): Promise<void> => {
    if (!view.object(key.kind, key.namespace, key.name)) throw new ObjectNotFoundError(key);
    const role = roleIn(principal.access, key.namespace);
    if (!roleAtLeast(role, 'operator'))
      throw new AccessDeniedError(
        `${principal.subject} is a ${role ?? 'stranger'} in namespace "${key.namespace}": suspend, resume and reconcile need the operator role`,
      );
    const as = principal.impersonate;
    await (as ? resources.as(as.user, as.groups) : resources).mergePatch(
      { apiVersion: apiVersionOf(key.kind), kind: key.kind, namespace: key.namespace, name: key.name },
      body,
      'tideline',
    );
  };
  return {
    suspend: (key) => patch(key, { spec: { suspend: true } }),
    resume: (key) => patch(key, { spec: { suspend: false } }),
    reconcile: async (key) => {
      const requestedAt = now().toISOString();
      await patch(key, { metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt } } });
      return requestedAt;
    },
  };
}

/** Passes on the stream items a caller may see; resume ids stay those of the shared feed. */
async function* filterStream<T extends { message: Parameters<typeof isVisibleMessage>[0] }>(
  items: AsyncIterable<T>,
  keep: (message: T['message']) => boolean,
): AsyncGenerator<T> {
  for await (const item of items) if (keep(item.message)) yield item;
}

import { buildDeliveryGraph, type Resources } from '@tideline/core';
import type { AuditEntryDto } from '../api/dto.js';
import { canSee, roleIn } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import { roleAtLeast } from '../auth/roles.js';
import { matchesEventFilter } from '../cache/event-filter.js';
import { dispatchErrors } from '../cache/notification-log.js';
import { StreamHub } from '../cache/stream-hub.js';
import { objectId, toDetail } from '../cache/to-dto.js';
import type { WatchCache } from '../cache/watch-cache.js';
import { createActionsService, type ActionCaller } from './actions-service.js';
import { mayReadAccessEntry } from './access-audit.js';
import { AuditLog } from './audit-log.js';
import { createGraphService } from './graph-service.js';
import { imageStories } from './image-story-service.js';
import { impactOf } from './impact.js';
import { InventoryHealth } from './inventory-health.js';
import { createHelmValuesService } from './helm-values-service.js';
import { createPlanService, type HelmReleasePlanner, type KustomizationPlanner } from './plan-service.js';
import {
  AccessDeniedError,
  ObjectNotFoundError,
  type AuditService,
  type EventsService,
  type ObjectKey,
  type ObjectsService,
  type ServicesFor,
  type StreamService,
} from './types.js';
import { isVisibleMessage, namespaceOfId, visibleCache, type CacheView } from './visibility.js';

/**
 * Objects, graph, events, audit and stream read from the watch cache; actions patch the
 * cluster. Each request gets the services as its caller sees them: every read goes through
 * {@link visibleCache} or the stream filter, so no router can show another namespace (lists,
 * counts, graph nodes, Events, the audit log, the live stream); actions need the operator role
 * in the object's namespace and are sent to Kubernetes impersonating the caller.
 */
export function createServices(
  cache: WatchCache,
  resources: Resources,
  audit: AuditLog = new AuditLog(),
  now: () => Date = () => new Date(),
  planner?: KustomizationPlanner,
  releasePlanner?: HelmReleasePlanner,
): ServicesFor {
  const computePlan = createPlanService(planner, releasePlanner);
  const plan: ObjectsService['plan'] = async (key) => {
    const result = await computePlan(key);
    // A HelmRelease's badge is helm-controller's own Drifted condition, not the last diff.
    if (!('upgrade' in result)) cache.recordPlan(key, result);
    return result;
  };
  const health = new InventoryHealth(resources);
  const hub = new StreamHub(
    cache.feed,
    () => cache.snapshot(),
    () => cache.preamble(),
  );
  return (principal) => {
    const visible = (namespace: string): boolean => canSee(principal.access, namespace);
    const view = visibleCache(cache, visible);
    const keep = (message: Parameters<typeof isVisibleMessage>[0]): boolean =>
      isVisibleMessage(message, visible);
    const stream: StreamService = {
      attach: (lastEventId, sink) => hub.attach(lastEventId, sink, keep),
      subscribe: (lastEventId, signal) =>
        filterStream(
          cache.feed.subscribe(
            lastEventId,
            signal,
            () => cache.snapshot(),
            () => cache.preamble(),
          ),
          keep,
        ),
    };
    return {
      objects: objectsService(view, cache, resources, plan, visible),
      graph: createGraphService(view, health),
      actions: createActionsService(view, resources, audit, now, actionCaller(principal, resources)),
      stream,
      events: eventsService(view, cache.eventLimits),
      audit: auditService(view, audit, visible, (entry) => mayReadAccessEntry(principal, entry)),
    };
  };
}

function objectsService(
  view: CacheView,
  cache: WatchCache,
  resources: Resources,
  plan: ObjectsService['plan'],
  visible: (namespace: string) => boolean,
): ObjectsService {
  return {
    list: ({ kind, namespace }) =>
      view
        .summaryList(kind)
        .filter((o) => !namespace || o.namespace === namespace)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    // Position first: a change landing while the list is copied is then delivered again by a
    // stream resumed from it (applying it twice is harmless), never lost.
    snapshot: () => {
      const cursor = cache.feed.position();
      return { items: view.summaryList(), cursor };
    },
    get: ({ kind, namespace, name }) => {
      const obj = view.object(kind, namespace, name);
      const id = objectId(kind, namespace, name);
      if (!obj) return undefined;
      const alerts = view.objects('Alert');
      const detail = toDetail(obj, view.events(id), view.transitions(id), alerts);
      if (kind !== 'Provider' && kind !== 'Receiver') return detail;
      const errors = kind === 'Provider' ? dispatchErrors(obj, alerts, (a) => view.events(a)) : [];
      return { ...detail, notifications: { ...cache.notifications(id), errors } };
    },
    imageStories: async (key) =>
      visible(key.namespace)
        ? imageStories(view, resources.client, objectId(key.kind, key.namespace, key.name))
        : [],
    plan: async (key) => {
      if (!view.object(key.kind, key.namespace, key.name)) throw new ObjectNotFoundError(key);
      return plan(key);
    },
    values: createHelmValuesService({
      release: (key) => view.object(key.kind, key.namespace, key.name),
      resources,
    }),
  };
}

/**
 * Who an action is for: an object it cannot see was already NOT_FOUND; below operator in the
 * object's namespace is refused before the cluster is asked; the patch is sent with
 * `Impersonate-User` and every `Impersonate-Group` (the break-glass admin acts as the server),
 * so the cluster's RBAC has the last word and its refusal is what the caller reads.
 */
function actionCaller(principal: Principal, resources: Resources): ActionCaller {
  const as = principal.impersonate;
  return {
    permit: (key: ObjectKey) => {
      const role = roleIn(principal.access, key.namespace);
      if (!roleAtLeast(role, 'operator'))
        throw new AccessDeniedError(
          `${principal.subject} is a ${role ?? 'stranger'} in namespace "${key.namespace}": actions need the operator role`,
        );
    },
    resources: as ? resources.as(as.user, as.groups) : undefined,
  };
}

function eventsService(view: CacheView, limits: WatchCache['eventLimits']): EventsService {
  return {
    list: (filter, limit) => {
      const all = view.recentEvents();
      const matched = all.filter((event) => matchesEventFilter(filter, event));
      return { items: matched.slice(0, limit), matched: matched.length, kept: all.length, limits };
    },
  };
}

function auditService(
  view: CacheView,
  audit: AuditLog,
  visible: (namespace: string) => boolean,
  mayReadAccess: (entry: AuditEntryDto) => boolean,
): AuditService {
  return {
    list: (limit, id) =>
      id && !visible(namespaceOfId(id))
        ? []
        : // Filtered before the limit, so a tenant's page is full of its own entries.
          audit
            .list(Number.MAX_SAFE_INTEGER, id)
            .filter((e) => (e.objectId === '' ? mayReadAccess(e) : visible(namespaceOfId(e.objectId))))
            .slice(0, limit),
    impact: (keys) => {
      const objects = view.objects();
      const model = buildDeliveryGraph(objects);
      const inventory = new Map(
        objects.map((o) => [
          objectId(o.kind, o.metadata.namespace ?? '', o.metadata.name),
          o.status?.inventory?.entries.length ?? 0,
        ]),
      );
      return impactOf(
        keys.filter((k) => visible(k.namespace)).map((k) => objectId(k.kind, k.namespace, k.name)),
        { edges: model.edges, inventory },
      );
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

import { buildDeliveryGraph, type Resources } from '@tideline/core';
import type { WatchCache } from '../cache/watch-cache.js';
import { createActionsService } from './actions-service.js';
import { createGraphService } from './graph-service.js';
import { InventoryHealth } from './inventory-health.js';
import { AuditLog } from './audit-log.js';
import { imageStories } from './image-story-service.js';
import { impactOf } from './impact.js';
import { createHelmValuesService } from './helm-values-service.js';
import { createPlanService, type HelmReleasePlanner, type KustomizationPlanner } from './plan-service.js';
import { matchesEventFilter } from '../cache/event-filter.js';
import { dispatchErrors } from '../cache/notification-log.js';
import { StreamHub } from '../cache/stream-hub.js';
import { objectId, toDetail } from '../cache/to-dto.js';
import {
  type AuditService,
  type EventsService,
  type ObjectsService,
  type Services,
  type StreamService,
} from './types.js';

/** Objects, graph and stream read from the watch cache; actions patch the cluster. */
export function createServices(
  cache: WatchCache,
  resources: Resources,
  audit: AuditLog = new AuditLog(),
  now: () => Date = () => new Date(),
  planner?: KustomizationPlanner,
  releasePlanner?: HelmReleasePlanner,
): Services {
  const computePlan = createPlanService(planner, releasePlanner);
  const plan: ObjectsService['plan'] = async (key) => {
    const result = await computePlan(key);
    // A HelmRelease's badge is helm-controller's own Drifted condition, not the last diff.
    if (!('upgrade' in result)) cache.recordPlan(key, result);
    return result;
  };
  const objects: ObjectsService = {
    list: ({ kind, namespace }) =>
      cache
        .summaryList(kind)
        .filter((o) => !namespace || o.namespace === namespace)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    // Position first: a change landing while the list is copied is then delivered again by a
    // stream resumed from it (applying it twice is harmless), never lost.
    snapshot: () => {
      const cursor = cache.feed.position();
      return { items: cache.summaryList(), cursor };
    },
    get: ({ kind, namespace, name }) => {
      const obj = cache.object(kind, namespace, name);
      const id = objectId(kind, namespace, name);
      if (!obj) return undefined;
      const alerts = cache.objects('Alert');
      const detail = toDetail(obj, cache.events(id), cache.transitions(id), alerts);
      if (kind !== 'Provider' && kind !== 'Receiver') return detail;
      const errors = kind === 'Provider' ? dispatchErrors(obj, alerts, (a) => cache.events(a)) : [];
      return { ...detail, notifications: { ...cache.notifications(id), errors } };
    },
    imageStories: ({ kind, namespace, name }) =>
      imageStories(cache, resources.client, objectId(kind, namespace, name)),
    plan,
    values: createHelmValuesService({
      release: (key) => cache.object(key.kind, key.namespace, key.name),
      resources,
    }),
  };
  const graph = createGraphService(cache, new InventoryHealth(resources));
  const actions = createActionsService(cache, resources, audit, now);
  const auditService: AuditService = {
    list: (limit, objectId) => audit.list(limit, objectId),
    impact: (keys) => {
      const model = buildDeliveryGraph(cache.objects());
      const inventory = new Map(
        cache
          .objects()
          .map((o) => [
            objectId(o.kind, o.metadata.namespace ?? '', o.metadata.name),
            o.status?.inventory?.entries.length ?? 0,
          ]),
      );
      return impactOf(
        keys.map((k) => objectId(k.kind, k.namespace, k.name)),
        { edges: model.edges, inventory },
      );
    },
  };
  const hub = new StreamHub(
    cache.feed,
    () => cache.snapshot(),
    () => cache.preamble(),
  );
  const stream: StreamService = {
    attach: (lastEventId, sink) => hub.attach(lastEventId, sink),
    subscribe: (lastEventId, signal) =>
      cache.feed.subscribe(
        lastEventId,
        signal,
        () => cache.snapshot(),
        () => cache.preamble(),
      ),
  };
  const events: EventsService = {
    list: (filter, limit) => {
      const all = cache.recentEvents();
      const matched = all.filter((event) => matchesEventFilter(filter, event));
      return {
        items: matched.slice(0, limit),
        matched: matched.length,
        kept: all.length,
        limits: cache.eventLimits,
      };
    },
  };
  return { objects, graph, actions, stream, events, audit: auditService };
}

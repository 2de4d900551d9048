import type { EventDto, FluxObjectSummary, StreamMessage } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import {
  applyStreamMessage,
  applyStreamMessages,
  EMPTY_LIVE_CACHE,
  MAX_LIVE_EVENTS,
  type CachedEventPage,
  type LiveCache,
} from './apply-stream-message';

function summary(id: string, patch: Partial<FluxObjectSummary> = {}): FluxObjectSummary {
  const [kind = '', namespace = '', name = ''] = id.split('/');
  return {
    id,
    kind: kind as FluxObjectSummary['kind'],
    namespace,
    name,
    ready: 'True',
    readyReason: 'ReconciliationSucceeded',
    readyMessage: 'Applied revision: main@sha1:abc',
    state: 'ready',
    revision: 'main@sha1:abc',
    suspended: false,
    lastTransition: '2026-05-01T12:00:00Z',
    generation: 1,
    observedGeneration: 1,
    resourceVersion: '100',
    ...patch,
  };
}

function event(uid: string, objectId: string, patch: Partial<EventDto> = {}): EventDto {
  return {
    uid,
    namespace: objectId.split('/')[1] ?? '',
    type: 'Normal',
    reason: 'ReconciliationSucceeded',
    message: 'ok',
    object: objectId,
    objectId,
    count: 1,
    source: 'kustomize-controller',
    ...patch,
  };
}

const APPS = 'Kustomization/flux-system/apps';
const REPO = 'GitRepository/flux-system/flux-system';
const OTHER_NS = 'Kustomization/team-a/web';

const store = (...ids: string[]): LiveCache => ({
  ...EMPTY_LIVE_CACHE,
  objects: ids.map((id) => summary(id)),
});
const ids = (cache: LiveCache): string[] => cache.objects?.map((r) => r.id) ?? [];

describe('applyStreamMessages: objects', () => {
  it.each<[string, LiveCache, FluxObjectSummary, string[]]>([
    ['appends a new object', store(REPO), summary(APPS), [REPO, APPS]],
    [
      'replaces an existing row in place',
      store(APPS, REPO),
      summary(APPS, { state: 'failed' }),
      [APPS, REPO],
    ],
  ])('%s', (_name, cache, object, expected) =>
    expect(ids(applyStreamMessage(cache, { type: 'object', object }))).toEqual(expected),
  );

  it('replaces the changed row, keeps the others by identity, marks its detail and the graph stale', () => {
    const before = store(APPS, REPO);
    const next = applyStreamMessage(before, {
      type: 'object',
      object: summary(APPS, { state: 'failed', resourceVersion: '101' }),
    });
    expect(next.objects?.[0]?.state).toBe('failed');
    expect(next.objects?.[1]).toBe(before.objects?.[1]);
    expect(next.staleDetails).toEqual([APPS]);
    expect(next.graphStale).toBe(true);
  });

  it('marks the detail but not the graph stale for changes the graph does not show', () => {
    const next = applyStreamMessage(store(APPS), {
      type: 'object',
      object: summary(APPS, { lastHandledReconcileAt: '2026-05-01T12:01:00Z', resourceVersion: '101' }),
    });
    expect(next.staleDetails).toEqual([APPS]);
    expect(next.graphStale).toBe(false);
  });

  it('returns the same cache for a batch that changes nothing (a replayed snapshot)', () => {
    const before = store(APPS, REPO);
    const batch: StreamMessage[] = [
      { type: 'object', object: summary(APPS) },
      { type: 'object', object: summary(REPO) },
    ];
    expect(applyStreamMessages(before, batch)).toBe(before);
  });

  it('leaves a store not loaded yet alone, but marks details and the graph stale', () => {
    const next = applyStreamMessage(EMPTY_LIVE_CACHE, { type: 'object', object: summary(APPS) });
    expect(next.objects).toBeUndefined();
    expect(next.staleDetails).toEqual([APPS]);
    expect(next.graphStale).toBe(true);
  });

  it('applies a batch in order: add, change, delete, re-add', () => {
    const next = applyStreamMessages(store(REPO), [
      { type: 'object', object: summary(APPS) },
      { type: 'object', object: summary(OTHER_NS) },
      { type: 'object', object: summary(APPS, { suspended: true }) },
      { type: 'deleted', id: REPO },
      { type: 'deleted', id: APPS },
      { type: 'object', object: summary(APPS, { state: 'failed' }) },
    ]);
    expect(next.objects?.map((o) => `${o.id}:${o.state}:${o.suspended}`)).toEqual([
      `${OTHER_NS}:ready:false`,
      `${APPS}:failed:false`,
    ]);
    expect(next.staleDetails).toEqual([APPS, OTHER_NS, REPO]);
  });

  it('handles a large batch over a large store in linear time', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `Kustomization/ns/app-${i}`);
    const before = store(...many);
    const batch: StreamMessage[] = many.map((id) => ({
      type: 'object',
      object: summary(id, { state: 'failed' }),
    }));
    const started = performance.now();
    const next = applyStreamMessages(before, batch);
    const elapsed = performance.now() - started;
    expect(next.objects?.every((o) => o.state === 'failed')).toBe(true);
    expect(next.objects).toHaveLength(10_000);
    // A quadratic fold would take seconds here (10⁸ comparisons and 10⁴ array copies).
    expect(elapsed).toBeLessThan(1000);
  });

  it('does not mutate its input', () => {
    const before = store(APPS, REPO);
    const snapshot = structuredClone(before);
    applyStreamMessage(before, { type: 'object', object: summary(APPS, { state: 'failed' }) });
    applyStreamMessage(before, { type: 'deleted', id: APPS });
    expect(before).toEqual(snapshot);
  });

  it('a deletion of an unknown id changes no rows but marks it stale', () => {
    const before = store(APPS);
    const next = applyStreamMessage(before, { type: 'deleted', id: REPO });
    expect(next.objects).toBe(before.objects);
    expect(next.staleDetails).toEqual([REPO]);
  });
});

describe('applyStreamMessages: events', () => {
  it('prepends, replaces an updated event by uid, and marks the object detail stale', () => {
    let cache = EMPTY_LIVE_CACHE;
    cache = applyStreamMessage(cache, { type: 'event', event: event('u1', APPS) });
    cache = applyStreamMessage(cache, { type: 'event', event: event('u2', REPO) });
    cache = applyStreamMessage(cache, { type: 'event', event: event('u1', APPS, { count: 2 }) });
    expect(cache.events.map((e) => `${e.uid}:${e.count}`)).toEqual(['u1:2', 'u2:1']);
    expect(cache.staleDetails).toEqual([APPS, REPO]);
    expect(cache.graphStale).toBe(false);
  });

  it(`keeps at most ${MAX_LIVE_EVENTS} events`, () => {
    const messages: StreamMessage[] = Array.from({ length: MAX_LIVE_EVENTS + 5 }, (_, i) => ({
      type: 'event',
      event: event(`u${i}`, APPS),
    }));
    const cache = applyStreamMessages(EMPTY_LIVE_CACHE, messages);
    expect(cache.events).toHaveLength(MAX_LIVE_EVENTS);
    expect(cache.events[0]?.uid).toBe(`u${MAX_LIVE_EVENTS + 4}`);
  });

  it('prepends to the cached events pages whose filter the event passes, up to their limit', () => {
    const page = (filter: CachedEventPage['filter'], limit = 3): CachedEventPage => ({
      key: ['events.list', filter],
      filter,
      limit,
      items: [event('old', APPS)],
    });
    const warnings = page({ type: 'Warning' });
    const apps = page({ kind: 'Kustomization', name: 'apps' }, 1);
    const before: LiveCache = { ...EMPTY_LIVE_CACHE, eventPages: [warnings, apps] };
    const next = applyStreamMessage(before, { type: 'event', event: event('new', APPS) });
    expect(next.eventPages[0]).toBe(warnings);
    expect(next.eventPages[1]?.items.map((e) => e.uid)).toEqual(['new']);
  });
});

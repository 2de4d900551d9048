import type { EventDto, FluxObjectSummary, StreamMessage } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import {
  applyStreamMessage,
  EMPTY_LIVE_CACHE,
  MAX_LIVE_EVENTS,
  matchesFilter,
  type CachedList,
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
    namespace: 'flux-system',
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

const list = (filter: CachedList['filter'], ids: string[]): CachedList => ({
  key: ['objects.list', filter],
  filter,
  rows: ids.map((id) => summary(id)),
});
const cacheWith = (...lists: CachedList[]): LiveCache => ({ ...EMPTY_LIVE_CACHE, lists });
const ids = (cache: LiveCache, index = 0): string[] => cache.lists[index]?.rows.map((r) => r.id) ?? [];

describe('applyStreamMessage: object', () => {
  it.each<[string, CachedList, FluxObjectSummary, string[]]>([
    ['appends a new object to an unfiltered list', list({}, [REPO]), summary(APPS), [REPO, APPS]],
    ['appends to a list whose kind matches', list({ kind: 'Kustomization' }, []), summary(APPS), [APPS]],
    ['skips a list whose kind differs', list({ kind: 'GitRepository' }, [REPO]), summary(APPS), [REPO]],
    [
      'skips a list whose namespace differs',
      list({ namespace: 'flux-system' }, [APPS]),
      summary(OTHER_NS),
      [APPS],
    ],
    [
      'replaces an existing row in place',
      list({}, [APPS, REPO]),
      summary(APPS, { state: 'failed' }),
      [APPS, REPO],
    ],
  ])('%s', (_name, cachedList, object, expectedIds) => {
    const next = applyStreamMessage(cacheWith(cachedList), { type: 'object', object });
    expect(ids(next)).toEqual(expectedIds);
  });

  it('replaces the changed row, marks its detail stale and the graph stale when the state changes', () => {
    const before = cacheWith(list({}, [APPS, REPO]));
    const next = applyStreamMessage(before, {
      type: 'object',
      object: summary(APPS, { state: 'failed', resourceVersion: '101' }),
    });
    expect(next.lists[0]?.rows[0]?.state).toBe('failed');
    expect(next.lists[0]?.rows[1]).toBe(before.lists[0]?.rows[1]);
    expect(next.staleDetails).toEqual([APPS]);
    expect(next.graphStale).toBe(true);
  });

  it('marks the detail but not the graph stale for changes the graph does not show', () => {
    const next = applyStreamMessage(cacheWith(list({}, [APPS])), {
      type: 'object',
      object: summary(APPS, { lastHandledReconcileAt: '2026-05-01T12:01:00Z', resourceVersion: '101' }),
    });
    expect(next.staleDetails).toEqual([APPS]);
    expect(next.graphStale).toBe(false);
  });

  it('returns the same cache for a message that changes nothing (snapshot replay)', () => {
    const before = cacheWith(list({}, [APPS, REPO]), list({ kind: 'Kustomization' }, [APPS]));
    expect(applyStreamMessage(before, { type: 'object', object: summary(APPS) })).toBe(before);
  });

  it('marks detail and graph stale for an object no list holds', () => {
    const next = applyStreamMessage(EMPTY_LIVE_CACHE, { type: 'object', object: summary(APPS) });
    expect(next.lists).toEqual([]);
    expect(next.staleDetails).toEqual([APPS]);
    expect(next.graphStale).toBe(true);
  });

  it('keeps untouched lists by identity', () => {
    const before = cacheWith(list({ kind: 'GitRepository' }, [REPO]), list({}, [APPS]));
    const next = applyStreamMessage(before, { type: 'object', object: summary(APPS, { suspended: true }) });
    expect(next.lists[0]).toBe(before.lists[0]);
    expect(next.lists[1]).not.toBe(before.lists[1]);
    expect(next.lists[1]?.rows[0]?.suspended).toBe(true);
  });

  it('does not mutate its input', () => {
    const before = cacheWith(list({}, [APPS]));
    const snapshot = structuredClone(before);
    applyStreamMessage(before, { type: 'object', object: summary(APPS, { state: 'failed' }) });
    applyStreamMessage(before, { type: 'deleted', id: APPS });
    expect(before).toEqual(snapshot);
  });
});

describe('applyStreamMessage: deleted', () => {
  it.each<[string, CachedList[], string[][]]>([
    [
      'removes the row from every list',
      [list({}, [APPS, REPO]), list({ kind: 'Kustomization' }, [APPS])],
      [[REPO], []],
    ],
    ['leaves lists without it alone', [list({}, [REPO])], [[REPO]]],
  ])('%s', (_name, lists, expected) => {
    const before = cacheWith(...lists);
    const next = applyStreamMessage(before, { type: 'deleted', id: APPS });
    expect(next.lists.map((l) => l.rows.map((r) => r.id))).toEqual(expected);
    expect(next.staleDetails).toEqual([APPS]);
    expect(next.graphStale).toBe(true);
  });
});

describe('applyStreamMessage: event', () => {
  it('prepends, replaces an updated event by uid, and marks the object detail stale', () => {
    let cache = EMPTY_LIVE_CACHE;
    cache = applyStreamMessage(cache, { type: 'event', event: event('u1', APPS) });
    cache = applyStreamMessage(cache, { type: 'event', event: event('u2', REPO) });
    cache = applyStreamMessage(cache, { type: 'event', event: event('u1', APPS, { count: 2 }) });
    expect(cache.events.map((e) => `${e.uid}:${e.count}`)).toEqual(['u1:2', 'u2:1']);
    expect(cache.staleDetails).toEqual([APPS, REPO]);
    expect(cache.graphStale).toBe(false);
    expect(cache.lists).toBe(EMPTY_LIVE_CACHE.lists);
  });

  it(`keeps at most ${MAX_LIVE_EVENTS} events`, () => {
    const messages: StreamMessage[] = Array.from({ length: MAX_LIVE_EVENTS + 5 }, (_, i) => ({
      type: 'event',
      event: event(`u${i}`, APPS),
    }));
    const cache = messages.reduce(applyStreamMessage, EMPTY_LIVE_CACHE);
    expect(cache.events).toHaveLength(MAX_LIVE_EVENTS);
    expect(cache.events[0]?.uid).toBe(`u${MAX_LIVE_EVENTS + 4}`);
    expect(cache.staleDetails).toEqual([APPS]);
  });
});

describe('matchesFilter', () => {
  it.each([
    [{}, true],
    [{ kind: 'Kustomization' }, true],
    [{ kind: 'GitRepository' }, false],
    [{ namespace: 'flux-system' }, true],
    [{ kind: 'Kustomization', namespace: 'other' }, false],
  ])('%j → %s', (filter, expected) =>
    expect(matchesFilter(filter, { kind: 'Kustomization', namespace: 'flux-system' })).toBe(expected),
  );
});

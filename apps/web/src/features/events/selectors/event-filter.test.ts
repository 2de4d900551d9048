import type { EventDto, EventFilterDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { eventFilterFromKey, eventFilterSearch, matchesEventFilter, parseEventFilter } from './event-filter';

const EVENT: EventDto = {
  uid: 'u1',
  namespace: 'flux-system',
  type: 'Warning',
  reason: 'BuildFailed',
  message: 'kustomization path not found: ./apps/Staging',
  object: 'Kustomization/apps',
  objectId: 'Kustomization/flux-system/apps',
  count: 2,
  source: 'kustomize-controller',
};

describe('matchesEventFilter (the server’s rule)', () => {
  it.each<[EventFilterDto, boolean]>([
    [{}, true],
    [{ kind: 'Kustomization' }, true],
    [{ kind: 'GitRepository' }, false],
    [{ namespace: 'apps' }, false],
    [{ name: 'apps' }, true],
    [{ type: 'Normal' }, false],
    [{ reason: 'BuildFailed' }, true],
    [{ q: 'STAGING' }, true],
    [{ q: 'kustomization/apps' }, true],
    [{ q: 'podinfo' }, false],
  ])('%j → %s', (filter, expected) => expect(matchesEventFilter(filter, EVENT)).toBe(expected));
});

describe('parseEventFilter / eventFilterSearch', () => {
  it.each<[string, EventFilterDto, string]>([
    ['', {}, ''],
    [
      '?kind=Kustomization&namespace=flux-system&name=apps&type=Warning&reason=BuildFailed&q=path',
      {
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'apps',
        type: 'Warning',
        reason: 'BuildFailed',
        q: 'path',
      },
      '?kind=Kustomization&namespace=flux-system&name=apps&type=Warning&reason=BuildFailed&q=path',
    ],
    ['?kind=Pod&type=Error&namespace=Bad_NS&reason=a%20b', {}, ''],
    ['?q=a+b&type=Normal', { type: 'Normal', q: 'a b' }, '?type=Normal&q=a+b'],
  ])('%s', (search, filter, normalised) => {
    expect(parseEventFilter(new URLSearchParams(search))).toEqual(filter);
    expect(eventFilterSearch(filter)).toBe(normalised);
  });
});

describe('eventFilterFromKey', () => {
  it.each([
    [[['events', 'list'], { type: 'query' }], { filter: {}, limit: 500 }],
    [
      [['events', 'list'], { input: { kind: 'Kustomization', limit: 50 }, type: 'query' }],
      { filter: { kind: 'Kustomization' }, limit: 50 },
    ],
    [[['events', 'list'], { input: { type: 'Bad', q: 7 }, type: 'query' }], { filter: {}, limit: 500 }],
  ])('%j', (key, expected) => expect(eventFilterFromKey(key)).toEqual(expected));
});

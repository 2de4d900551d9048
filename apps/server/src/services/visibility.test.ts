import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../api/dto.js';
import { TEST_SUMMARY } from '../testing/http-fixture.js';
import { isVisibleMessage, namespaceOfId } from './visibility.js';

const teamA = (ns: string): boolean => ns === 'team-a';
const event = (namespace: string): StreamMessage => ({
  type: 'event',
  event: {
    uid: 'u',
    namespace,
    type: 'Normal',
    reason: 'ReconciliationSucceeded',
    message: 'ok',
    object: 'Kustomization/apps',
    objectId: `Kustomization/${namespace}/apps`,
    count: 1,
    source: 'kustomize-controller',
  },
});

describe('isVisibleMessage', () => {
  it.each([
    ['an object of team-a', { type: 'object', object: { ...TEST_SUMMARY, namespace: 'team-a' } }, true],
    ['an object of flux-system', { type: 'object', object: TEST_SUMMARY }, false],
    ['a deletion in team-a', { type: 'deleted', id: 'Kustomization/team-a/apps' }, true],
    ['a deletion in team-b', { type: 'deleted', id: 'HelmRelease/team-b/x' }, false],
    ['an Event in team-a', event('team-a'), true],
    ['an Event in flux-system', event('flux-system'), false],
    [
      'the system status',
      { type: 'system', status: { mode: 'engine', phase: 'active', message: '', fluxControllers: [] } },
      true,
    ],
  ] as [string, StreamMessage, boolean][])('%s → %s', (_what, message, expected) => {
    expect(isVisibleMessage(message, teamA)).toBe(expected);
  });
});

describe('namespaceOfId', () => {
  it.each([
    ['Kustomization/team-a/apps', 'team-a'],
    ['ClusterThing//x', ''],
    ['garbage', ''],
  ])('%s → %j', (id, ns) => expect(namespaceOfId(id)).toBe(ns));
});

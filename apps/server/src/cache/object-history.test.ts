import { describe, expect, it } from 'vitest';
import type { FluxObjectSummary } from '../api/dto.js';
import { ObjectHistory, transitionsBetween } from './object-history.js';

const NOW = '2026-01-01T00:10:00Z';
const summary = (patch: Partial<FluxObjectSummary> = {}): FluxObjectSummary => ({
  id: 'Kustomization/flux-system/apps',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'apps',
  ready: 'True',
  readyReason: 'ReconciliationSucceeded',
  readyMessage: 'Applied revision: main@sha1:aaa',
  state: 'ready',
  revision: 'main@sha1:aaa',
  suspended: false,
  lastTransition: '2026-01-01T00:00:00Z',
  generation: 1,
  observedGeneration: 1,
  resourceVersion: '1',
  ...patch,
});

describe('transitionsBetween', () => {
  it.each<[string, FluxObjectSummary | undefined, FluxObjectSummary, string[]]>([
    ['the first sight of an object is no transition', undefined, summary(), []],
    ['nothing the timeline shows changed', summary(), summary({ resourceVersion: '2' }), []],
    [
      'Ready turned False with a reason, at its lastTransitionTime',
      summary(),
      summary({
        ready: 'False',
        readyReason: 'BuildFailed',
        readyMessage: 'bad',
        state: 'failed',
        lastTransition: '2026-01-01T00:05:00Z',
      }),
      ['2026-01-01T00:05:00Z condition Ready False (BuildFailed) bad'],
    ],
    [
      'a new revision',
      summary(),
      summary({ revision: 'main@sha1:bbb' }),
      [`${NOW} revision main@sha1:bbb was main@sha1:aaa`],
    ],
    [
      'suspended with a reason',
      summary(),
      summary({ suspended: true, suspendedComment: 'freeze', state: 'suspended' }),
      [`${NOW} condition Suspended freeze`],
    ],
  ])('%s', (_name, before, after, expected) =>
    expect(
      transitionsBetween(before, after, NOW).map((t) => `${t.at} ${t.type} ${t.title} ${t.detail}`.trim()),
    ).toEqual(expected),
  );
});

describe('ObjectHistory', () => {
  it('keeps the newest 50 per object, newest first, and forgets dropped objects', () => {
    const history = new ObjectHistory();
    let before = summary();
    for (let i = 0; i < 60; i++) {
      const after = summary({ revision: `main@sha1:${i}` });
      history.record(before, after, `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`);
      before = after;
    }
    const list = history.forObject(before.id);
    expect(list).toHaveLength(50);
    expect(list[0]?.title).toBe('main@sha1:59');
    history.drop(before.id);
    expect(history.forObject(before.id)).toEqual([]);
  });
});

import type { EventDto, TransitionDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline';

const event = (uid: string, at: string | undefined, patch: Partial<EventDto> = {}): EventDto => ({
  uid,
  namespace: 'flux-system',
  type: 'Normal',
  reason: 'ReconciliationSucceeded',
  message: `event ${uid}`,
  object: 'Kustomization/apps',
  objectId: 'Kustomization/flux-system/apps',
  count: 1,
  lastTimestamp: at,
  source: 'kustomize-controller',
  ...patch,
});
const transition = (
  at: string,
  type: TransitionDto['type'],
  title: string,
  state?: TransitionDto['state'],
): TransitionDto => ({
  at,
  type,
  title,
  detail: '',
  state,
});

describe('buildTimeline', () => {
  it.each<[string, EventDto[], TransitionDto[], string[]]>([
    ['nothing', [], [], []],
    [
      'events and transitions interleave, newest first',
      [
        event('a', '2026-01-01T00:01:00Z'),
        event('b', '2026-01-01T00:04:00Z', { type: 'Warning', reason: 'BuildFailed', count: 3 }),
      ],
      [
        transition('2026-01-01T00:03:00Z', 'condition', 'Ready False (BuildFailed)', 'failed'),
        transition('2026-01-01T00:02:00Z', 'revision', 'main@sha1:bbb'),
      ],
      [
        '00:04 event BuildFailed ×3 !',
        '00:03 condition Ready False (BuildFailed) !',
        '00:02 revision main@sha1:bbb',
        '00:01 event ReconciliationSucceeded',
      ],
    ],
    ['an event without a time is left out', [event('a', undefined)], [], []],
  ])('%s', (_name, events, transitions, expected) =>
    expect(
      buildTimeline(events, transitions).map(
        (e) => `${e.at.slice(11, 16)} ${e.type} ${e.title}${e.warning ? ' !' : ''}`,
      ),
    ).toEqual(expected),
  );
});

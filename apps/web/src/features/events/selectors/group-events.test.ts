import type { EventDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { groupEvents } from './group-events';

const ev = (
  uid: string,
  objectId: string,
  reason: string,
  message: string,
  count = 1,
  minute = 0,
): EventDto => ({
  uid,
  namespace: 'flux-system',
  type: reason === 'BuildFailed' ? 'Warning' : 'Normal',
  reason,
  message,
  object: objectId,
  objectId,
  count,
  firstTimestamp: `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`,
  lastTimestamp: `2026-01-01T00:${String(minute).padStart(2, '0')}:30Z`,
  source: 'kustomize-controller',
});
const A = 'Kustomization/flux-system/apps';
const B = 'GitRepository/flux-system/repo';

describe('groupEvents', () => {
  it.each<[string, EventDto[], [string, number, string | undefined][]]>([
    ['nothing', [], []],
    ['one event', [ev('1', A, 'BuildFailed', 'x', 3, 5)], [['1', 3, '2026-01-01T00:05:00Z']]],
    [
      'a run of repeats folds, with counts summed and the oldest first-seen',
      [
        ev('3', A, 'BuildFailed', 'x', 2, 9),
        ev('2', A, 'BuildFailed', 'x', 1, 8),
        ev('1', A, 'BuildFailed', 'x', 4, 7),
      ],
      [['3', 7, '2026-01-01T00:07:00Z']],
    ],
    [
      'another message, object or reason breaks the run; order is kept',
      [
        ev('5', A, 'BuildFailed', 'x', 1, 9),
        ev('4', A, 'BuildFailed', 'y', 1, 8),
        ev('3', B, 'BuildFailed', 'y', 1, 7),
        ev('2', B, 'Succeeded', 'y', 1, 6),
        ev('1', A, 'BuildFailed', 'x', 1, 5),
      ],
      [
        ['5', 1, '2026-01-01T00:09:00Z'],
        ['4', 1, '2026-01-01T00:08:00Z'],
        ['3', 1, '2026-01-01T00:07:00Z'],
        ['2', 1, '2026-01-01T00:06:00Z'],
        ['1', 1, '2026-01-01T00:05:00Z'],
      ],
    ],
  ])('%s', (_name, events, expected) =>
    expect(groupEvents(events).map((g) => [g.latest.uid, g.count, g.firstSeen])).toEqual(expected),
  );
});

import { describe, expect, it } from 'vitest';
import { mergeConditions, type ConditionLike } from './conditions.js';

const then = new Date('2024-01-01T00:00:00Z');
const now = new Date('2024-01-02T00:00:00Z');

describe('mergeConditions', () => {
  it.each<[string, ConditionLike[] | undefined, ConditionLike, Date]>([
    ['a new condition gets now', undefined, { type: 'Ready', status: 'True' }, now],
    [
      'an unchanged condition keeps its time',
      [{ type: 'Ready', status: 'True', lastTransitionTime: then }],
      { type: 'Ready', status: 'True' },
      then,
    ],
    [
      'a status change moves the time',
      [{ type: 'Ready', status: 'False', lastTransitionTime: then }],
      { type: 'Ready', status: 'True' },
      now,
    ],
    [
      'a reason change moves the time',
      [{ type: 'Ready', status: 'False', reason: 'A', lastTransitionTime: then }],
      { type: 'Ready', status: 'False', reason: 'B' },
      now,
    ],
    [
      'a message change moves the time',
      [{ type: 'Ready', status: 'False', message: 'x', lastTransitionTime: then }],
      { type: 'Ready', status: 'False', message: 'y' },
      now,
    ],
    [
      'an unchanged condition without a time gets now',
      [{ type: 'Ready', status: 'True' }],
      { type: 'Ready', status: 'True' },
      now,
    ],
  ])('%s', (_what, existing, desired, expected) => {
    const [merged] = mergeConditions(existing, [desired], now);
    expect(merged?.lastTransitionTime).toEqual(expected);
  });

  it('keeps the desired order and drops conditions not desired', () => {
    const merged = mergeConditions(
      [
        { type: 'B', status: 'True' },
        { type: 'Old', status: 'True' },
      ],
      [
        { type: 'A', status: 'True' },
        { type: 'B', status: 'True' },
      ],
      now,
    );
    expect(merged.map((c) => c.type)).toEqual(['A', 'B']);
  });
});

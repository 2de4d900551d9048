import { describe, expect, it } from 'vitest';
import { feedPosition, isAfter } from './feed-position';

describe('feedPosition', () => {
  it.each([
    ['lx3k-12', { epoch: 'lx3k', seq: 12 }],
    ['lx3k-0', { epoch: 'lx3k', seq: 0 }],
    ['lx3k', undefined],
    ['-12', undefined],
    ['LX-1', undefined],
    [undefined, undefined],
  ])('%s → %j', (id, expected) => expect(feedPosition(id)).toEqual(expected));
});

describe('isAfter', () => {
  it.each([
    ['a-5', 'a-4', true],
    ['a-5', 'a-5', false],
    ['a-3', 'a-5', false],
    ['b-1', 'a-5', true],
    [undefined, 'a-5', true],
    ['a-5', undefined, true],
  ])('batch %s after list %s → %s', (batch, cursor, expected) =>
    expect(isAfter(batch, cursor)).toBe(expected),
  );
});

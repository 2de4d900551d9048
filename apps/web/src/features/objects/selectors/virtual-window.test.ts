import { describe, expect, it } from 'vitest';
import { scrollToReveal, virtualWindow } from './virtual-window';

describe('virtualWindow', () => {
  it.each([
    ['top of a long list', [10_000, 40, 0, 400, 5], { start: 0, end: 16, padTop: 0, padBottom: 9984 * 40 }],
    [
      'scrolled into the middle',
      [10_000, 40, 4000, 400, 5],
      { start: 95, end: 116, padTop: 3800, padBottom: 9884 * 40 },
    ],
    [
      'the very end',
      [10_000, 40, 399_600, 400, 5],
      { start: 9984, end: 10_000, padTop: 9984 * 40, padBottom: 0 },
    ],
    ['a list shorter than the viewport', [3, 40, 0, 400, 5], { start: 0, end: 3, padTop: 0, padBottom: 0 }],
    ['an empty list', [0, 40, 0, 400, 5], { start: 0, end: 0, padTop: 0, padBottom: 0 }],
    [
      'a negative (elastic) scroll',
      [100, 40, -50, 400, 2],
      { start: 0, end: 13, padTop: 0, padBottom: 87 * 40 },
    ],
  ] as const)('%s', (_name, [count, height, top, viewport, overscan], expected) =>
    expect(virtualWindow(count, height, top, viewport, overscan)).toEqual(expected),
  );
});

describe('scrollToReveal', () => {
  it.each([
    ['a visible row stays', [5, 40, 0, 400, 40], undefined],
    ['a row above scrolls up to it', [2, 40, 400, 400, 40], 80],
    ['a row below scrolls just enough, under the sticky header', [20, 40, 0, 400, 40], 840 - 400 + 40],
  ] as const)('%s', (_name, [index, height, top, viewport, header], expected) =>
    expect(scrollToReveal(index, height, top, viewport, header)).toBe(expected),
  );
});

import { describe, expect, it } from 'vitest';
import { scrollToReveal, stableWindow, virtualWindow } from './virtual-window';

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

describe('stableWindow', () => {
  // 10,000 rows of 40 px, a 400 px viewport (11 rows in view), 5 rows of overscan, 2 of margin.
  const at = (top: number) => virtualWindow(10_000, 40, top, 400, 5);
  it.each([
    ['no window yet: a fresh one', [undefined, 10_000, 4000], at(4000)],
    ['a small scroll keeps the same window (same object)', [at(4000), 10_000, 4080], at(4000)],
    ['scrolling up to the margin keeps it', [at(4000), 10_000, 3880], at(4000)],
    ['past the margin below: a fresh window', [at(4000), 10_000, 4160], at(4160)],
    ['past the margin above: a fresh window', [at(4000), 10_000, 3840], at(3840)],
    ['a jump far away: a fresh window', [at(4000), 10_000, 200_000], at(200_000)],
    ['at the top, the window starting at row 0 stays', [at(0), 10_000, 80], at(0)],
    ['a filtered, shorter list: a fresh window', [at(0), 50, 0], virtualWindow(50, 40, 0, 400, 5)],
  ] as const)('%s', (_name, [previous, count, top], expected) => {
    const next = stableWindow(previous, count, 40, top, 400, 5, 2);
    expect(next).toEqual(expected);
    // Kept means the very same object: React state set to it renders nothing.
    if (previous && JSON.stringify(previous) === JSON.stringify(expected)) expect(next).toBe(previous);
  });
});

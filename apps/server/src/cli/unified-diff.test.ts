import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.js';

const text = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('unifiedDiff', () => {
  it.each<[string, string, string, string]>([
    ['equal texts', text('a', 'b'), text('a', 'b'), ''],
    [
      'one changed line in the middle, three lines of context',
      text('1', '2', '3', '4', '5', '6', '7', '8', '9'),
      text('1', '2', '3', '4', 'five', '6', '7', '8', '9'),
      text('--- live', '+++ merged', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8'),
    ],
    [
      'an added line at the end',
      text('a', 'b'),
      text('a', 'b', 'c'),
      text('--- live', '+++ merged', '@@ -1,2 +1,3 @@', ' a', ' b', '+c'),
    ],
    ['everything from nothing', '', text('a'), text('--- live', '+++ merged', '@@ -0,0 +1 @@', '+a')],
    [
      'two distant changes make two hunks',
      text('a', '1', '2', '3', '4', '5', '6', '7', '8', 'z'),
      text('A', '1', '2', '3', '4', '5', '6', '7', '8', 'Z'),
      text(
        '--- live',
        '+++ merged',
        '@@ -1,4 +1,4 @@',
        '-a',
        '+A',
        ' 1',
        ' 2',
        ' 3',
        '@@ -7,4 +7,4 @@',
        ' 6',
        ' 7',
        ' 8',
        '-z',
        '+Z',
      ),
    ],
  ])('%s', (_what, from, to, expected) => {
    expect(unifiedDiff(from, to, 'live', 'merged')).toBe(expected);
  });
});

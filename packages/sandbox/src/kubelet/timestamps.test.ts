import { describe, expect, it } from 'vitest';
import { toMillis } from './timestamps.js';

describe('toMillis', () => {
  it.each([
    ['a Date', new Date('2024-05-01T10:00:00Z'), Date.UTC(2024, 4, 1, 10)],
    ['an RFC 3339 string', '2024-05-01T10:00:00Z', Date.UTC(2024, 4, 1, 10)],
    ['a MicroTime string', '2024-05-01T10:00:00.250000Z', Date.UTC(2024, 4, 1, 10) + 250],
    ['undefined', undefined, undefined],
    ['null', null, undefined],
    ['garbage', 'not a time', undefined],
  ])('reads %s', (_what, value, expected) => {
    expect(toMillis(value as Date | string | undefined | null)).toBe(expected);
  });
});

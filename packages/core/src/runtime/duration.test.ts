import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('Go durations', () => {
  it.each([
    ['10m', 600_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['2h45m10s', 9_910_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    ['', 'time: invalid duration ""'],
    ['10', 'time: missing unit in duration "10"'],
    ['m', 'time: invalid duration "m"'],
    ['5 m', 'time: unknown unit " m" in duration "5 m"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    // Found by duration.property.test.ts: Go refuses what overflows int64 nanoseconds; we accepted it.
    ['99999999999h', 'time: invalid duration "99999999999h"'],
  ])('rejects %j as Go does', (text, message) => expect(() => parseDuration(text)).toThrow(message));

  it.each([
    ['-1s', -1000],
    ['.5s', 500],
    ['1.s', 1000],
    ['1\u00b5s', 0.001],
  ])('accepts %j as Go does', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    [600_000, '10m0s'],
    [270_000, '4m30s'],
    [60_000, '1m0s'],
    [30_000, '30s'],
    [3_600_000, '1h0m0s'],
    [176.163666, '176.163666ms'],
    [2810, '2.81s'],
    [0, '0s'],
  ])('formats %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

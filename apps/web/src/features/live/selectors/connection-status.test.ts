import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, toConnectionStatus, type LinkConnectionState } from './connection-status';

describe('toConnectionStatus', () => {
  it.each<[LinkConnectionState, boolean, boolean, string]>([
    ['pending', false, false, 'live'],
    ['pending', true, true, 'live'],
    ['connecting', false, false, 'connecting'],
    ['connecting', true, false, 'reconnecting'],
    ['connecting', false, true, 'reconnecting'],
    ['idle', false, true, 'offline'],
  ])('%s (error %s, was live %s) → %s', (state, hasError, wasLive, expected) => {
    expect(toConnectionStatus(state, hasError, wasLive)).toBe(expected);
  });
});

describe('reconnectDelayMs', () => {
  it.each([
    [-1, 1000],
    [0, 1000],
    [1, 2000],
    [2, 4000],
    [4, 16_000],
    [5, 30_000],
    [50, 30_000],
  ])('after %i failures → %i ms', (failures, expected) => expect(reconnectDelayMs(failures)).toBe(expected));
});

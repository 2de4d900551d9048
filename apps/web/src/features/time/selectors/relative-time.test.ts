import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

describe('formatRelativeTime', () => {
  it.each([
    [undefined, '—'],
    ['', '—'],
    ['not a date', '—'],
    [ago(0), 'just now'],
    [ago(4), 'just now'],
    [ago(-3), 'just now'],
    [ago(5), '5s ago'],
    [ago(59), '59s ago'],
    [ago(60), '1m ago'],
    [ago(119), '1m ago'],
    [ago(3599), '59m ago'],
    [ago(3600), '1h ago'],
    [ago(86_399), '23h ago'],
    [ago(86_400), '1d ago'],
    [ago(86_400 * 29), '29d ago'],
    [ago(86_400 * 30), '1mo ago'],
    [ago(86_400 * 400), '1y ago'],
    [ago(-90), 'in 1m'],
  ])('%s → %s', (iso, expected) => expect(formatRelativeTime(iso, NOW)).toBe(expected));
});

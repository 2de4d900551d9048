import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolvedScheme, themeCookie } from './theme';

describe('theme', () => {
  it.each([
    ['dark', 'dark'],
    ['light', 'light'],
    ['system', 'system'],
    [undefined, 'system'],
    ['', 'system'],
    ['DARK', 'system'],
    ['<script>', 'system'],
  ] as const)('cookie %s → %s', (value, expected) => expect(parseThemeChoice(value)).toBe(expected));

  it.each([
    ['system', true, 'dark'],
    ['system', false, 'light'],
    ['light', true, 'light'],
    ['dark', false, 'dark'],
  ] as const)('%s with the OS preferring dark=%s shows %s', (choice, prefersDark, expected) =>
    expect(resolvedScheme(choice, prefersDark)).toBe(expected),
  );

  it('persists for a year, only to this site', () =>
    expect(themeCookie('dark')).toBe('tideline-theme=dark; Path=/; Max-Age=31536000; SameSite=Strict'));
});

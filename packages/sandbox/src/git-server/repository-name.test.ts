import { describe, expect, it } from 'vitest';

import { InvalidRepositoryNameError, normalizeRepositoryName } from './repository-name.js';

describe('normalizeRepositoryName', () => {
  it.each([
    ['app', 'app'],
    ['app.git', 'app'],
    ['team/app', 'team/app'],
    ['team/app.git', 'team/app'],
    ['my_app-2.v1', 'my_app-2.v1'],
  ])('accepts %s', (name, normalized) => {
    expect(normalizeRepositoryName(name)).toBe(normalized);
  });

  it.each([
    '',
    '..',
    '../x',
    'a/../b',
    'a..b',
    '/abs',
    'a/b/c',
    '.hidden',
    'a/.b',
    'a/',
    'a b',
    'a\\b',
    'a\0b',
    '.git',
  ])('rejects %j', (name) => {
    expect(() => normalizeRepositoryName(name)).toThrow(InvalidRepositoryNameError);
  });
});

import { describe, expect, it } from 'vitest';

import { assertRepositoryName, assertTag, InvalidImageReferenceError } from './image-reference.js';

describe('assertRepositoryName', () => {
  it.each(['app', 'team/app', 'a.b_c-d/e__f', 'x/y/z', 'app--1'])('accepts %s', (name) => {
    expect(() => assertRepositoryName(name)).not.toThrow();
  });
  it.each(['', 'App', '-app', 'app-', 'a//b', '../x', 'a/../b', 'a?b', 'a b', 'app:tag'])(
    'rejects %j',
    (name) => {
      expect(() => assertRepositoryName(name)).toThrow(InvalidImageReferenceError);
    },
  );
});

describe('assertTag', () => {
  it.each(['latest', '1.2.3', 'v1.0.0-rc.1', '_x', 'A'.repeat(128)])('accepts %s', (tag) => {
    expect(() => assertTag(tag)).not.toThrow();
  });
  it.each(['', '.x', '-x', 'a/b', 'a:b', 'A'.repeat(129), 'a?b'])('rejects %j', (tag) => {
    expect(() => assertTag(tag)).toThrow(InvalidImageReferenceError);
  });
});

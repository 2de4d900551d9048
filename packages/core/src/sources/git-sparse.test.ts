import { describe, expect, it } from 'vitest';
import { sparseDirectory, sparsePatterns } from './git-sparse.js';

describe('sparse checkout patterns (go-git prefix semantics)', () => {
  it.each([
    [['app'], '/app*\n'],
    [['./deploy/prod'], '/deploy/prod*\n'],
    [['docs/', 'lib'], '/docs/*\n/lib*\n'],
    [['we*ird?[x]'], '/we\\*ird\\?\\[x\\]*\n'],
  ])('%j → %j', (dirs, patterns) => {
    expect(sparsePatterns(dirs)).toBe(patterns);
  });

  it('trims a leading ./ only', () => {
    expect(sparseDirectory('./a/./b')).toBe('a/./b');
    expect(sparseDirectory('../a')).toBe('../a');
  });
});

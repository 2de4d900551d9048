import { describe, expect, it } from 'vitest';
import { GitError } from '../../sources/git-runner.js';
import { asListFailure, listsRemoteFirst } from './remote-listing.js';

describe('remote listing before the clone (fluxcd/pkg gogit)', () => {
  it.each([
    [{ kind: 'name', name: 'refs/pull/1/head' } as const, false, true],
    [{ kind: 'branch', branch: 'main' } as const, true, true],
    [{ kind: 'branch', branch: 'main' } as const, false, false],
    [{ kind: 'tag', tag: 'v1' } as const, true, true],
    [{ kind: 'semver', range: '>=1' } as const, true, false],
    [{ kind: 'commit', commit: 'a'.repeat(40) } as const, true, false],
  ])('%j with artifact=%s lists first: %s', (strategy, hasArtifact, expected) => {
    expect(listsRemoteFirst(strategy, hasArtifact)).toBe(expected);
  });

  it('rewords transport failures only', () => {
    const url = 'http://git.example/repo.git';
    const timeout = new GitError(`unable to clone '${url}': context deadline exceeded`, 'failed');
    expect((asListFailure(url, timeout) as Error).message).toBe(
      `unable to list remote for '${url}': context deadline exceeded`,
    );
    const missing = new GitError(
      `unable to clone '${url}': couldn't find remote ref "refs/heads/x"`,
      'not-found',
    );
    expect(asListFailure(url, missing)).toBe(missing);
    const other = new Error('boom');
    expect(asListFailure(url, other)).toBe(other);
  });
});

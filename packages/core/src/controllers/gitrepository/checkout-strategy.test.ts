import { describe, expect, it } from 'vitest';
import { parseLsRemote, refNameProblem, remoteTags, resolveRemoteRef } from '../../sources/git-refs.js';
import { newestTag } from './checkout.js';
import {
  checkoutStrategy,
  remotePatterns,
  resolveRemote,
  revisionFor,
  semverCandidates,
  strategyProblem,
} from './checkout-strategy.js';
import { shortMessage } from './messages.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const T = 't'.repeat(40);
const URL = 'http://git.local/app.git';

const refs = parseLsRemote(
  [
    `${A}\tHEAD`,
    `${A}\trefs/heads/main`,
    `${B}\trefs/heads/feature/x`,
    `${A}\trefs/tags/v1.0.0`,
    `${T}\trefs/tags/v1.1.0`,
    `${B}\trefs/tags/v1.1.0^{}`,
    `${C}\trefs/tags/1.2`,
    `${C}\trefs/tags/v2.0.0-rc.1`,
    `${C}\trefs/pull/7/head`,
    '',
  ].join('\n'),
);

describe('checkoutStrategy: the precedence fluxcd/pkg actually uses', () => {
  it.each([
    [
      { commit: A, name: 'refs/heads/x', tag: 't', semver: '*', branch: 'b' },
      { kind: 'commit', commit: A, branch: 'b' },
    ],
    [
      { name: 'refs/heads/x', tag: 't', semver: '*', branch: 'b' },
      { kind: 'name', name: 'refs/heads/x' },
    ],
    [
      { tag: 't', semver: '*', branch: 'b' },
      { kind: 'tag', tag: 't' },
    ],
    [
      { semver: '*', branch: 'b' },
      { kind: 'semver', range: '*' },
    ],
    [{ branch: 'b' }, { kind: 'branch', branch: 'b' }],
    [{}, { kind: 'branch', branch: 'master' }],
    [undefined, { kind: 'branch', branch: 'master' }],
  ])('%j → %j', (ref, expected) => {
    expect(checkoutStrategy({ ref })).toEqual(expected);
  });
});

describe('revisions as Flux writes them', () => {
  it.each([
    [{ kind: 'branch', branch: 'feature/x' } as const, undefined, `feature/x@sha1:${A}`],
    [{ kind: 'tag', tag: 'v1.0.0' } as const, undefined, `v1.0.0@sha1:${A}`],
    [{ kind: 'semver', range: '^1' } as const, 'v1.1.0', `v1.1.0@sha1:${A}`],
    [{ kind: 'name', name: 'refs/pull/7/head' } as const, undefined, `refs/pull/7/head@sha1:${A}`],
    [{ kind: 'commit', commit: A } as const, undefined, `sha1:${A}`],
    [{ kind: 'commit', commit: A, branch: 'main' } as const, undefined, `main@sha1:${A}`],
  ])('%j', (strategy, tag, expected) => {
    expect(revisionFor(strategy, A, tag)).toBe(expected);
  });
});

describe('resolveRemote', () => {
  it('peels annotated tags to their commit and leaves lightweight ones alone', () => {
    expect(resolveRemoteRef(refs, 'refs/tags/v1.1.0')).toBe(B);
    expect(resolveRemoteRef(refs, 'refs/tags/v1.0.0')).toBe(A);
    expect(remoteTags(refs)).toEqual(
      new Map([
        ['v1.0.0', A],
        ['v1.1.0', B],
        ['1.2', C],
        ['v2.0.0-rc.1', C],
      ]),
    );
  });

  it('resolves each strategy to a commit, a revision and what to fetch', () => {
    expect(resolveRemote({ kind: 'tag', tag: 'v1.1.0' }, refs, URL)).toMatchObject({
      ok: true,
      commit: B,
      revision: `v1.1.0@sha1:${B}`,
      fetch: ['refs/tags/v1.1.0'],
    });
    expect(resolveRemote({ kind: 'semver', range: '>=1.0.0' }, refs, URL)).toMatchObject({
      ok: true,
      tag: 'v1.1.0',
      revision: `v1.1.0@sha1:${B}`,
    });
    expect(resolveRemote({ kind: 'name', name: 'refs/pull/7/head' }, refs, URL)).toMatchObject({
      ok: true,
      commit: C,
      fetch: ['refs/pull/7/head'],
    });
    expect(resolveRemote({ kind: 'commit', commit: C, branch: 'main' }, refs, URL)).toMatchObject({
      ok: true,
      revision: `main@sha1:${C}`,
      fullHistory: true,
    });
    expect(resolveRemote({ kind: 'commit', commit: C }, refs, URL)).toMatchObject({
      ok: true,
      revision: `sha1:${C}`,
      fetch: [C],
    });
  });

  it('says clearly what is missing', () => {
    expect(resolveRemote({ kind: 'branch', branch: 'nope' }, refs, URL)).toEqual({
      ok: false,
      reason: 'not-found',
      message: `unable to clone '${URL}': couldn't find remote ref "refs/heads/nope"`,
    });
    expect(resolveRemote({ kind: 'semver', range: '>=3' }, refs, URL)).toMatchObject({
      ok: false,
      message: 'no match found for semver: >=3',
    });
    expect(resolveRemote({ kind: 'semver', range: 'nonsense' }, refs, URL)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(resolveRemote({ kind: 'name', name: 'refs/pull/8/head' }, refs, URL)).toMatchObject({
      message: "unable to resolve ref 'refs/pull/8/head' to a specific commit",
    });
    expect(resolveRemote({ kind: 'commit', commit: A, branch: 'gone' }, refs, URL)).toMatchObject({
      ok: false,
    });
  });

  it('lists only the refs a strategy needs', () => {
    expect(remotePatterns({ kind: 'tag', tag: 'v1' })).toEqual(['refs/tags/v1', 'refs/tags/v1^{}']);
    expect(remotePatterns({ kind: 'semver', range: '*' })).toEqual(['refs/tags/*']);
    expect(remotePatterns({ kind: 'commit', commit: A })).toEqual(['HEAD']);
  });
});

describe('semver selection among tags', () => {
  it('keeps only three-part versions and returns every tag tied on the highest', () => {
    const tags = new Map([
      ['v1.0.0', A],
      ['1.0.0+build.2', B],
      ['v1.0.0+build.1', C],
      ['1.1', A],
      ['0.9.0', A],
    ]);
    expect(semverCandidates('^1', tags).map((t) => t.tag)).toEqual([
      '1.0.0+build.2',
      'v1.0.0',
      'v1.0.0+build.1',
    ]);
    expect(semverCandidates('<1.0.0', tags)).toEqual([{ tag: '0.9.0', commit: A }]);
  });

  it('breaks ties by committer time, then by tag order', () => {
    const tied = [
      { tag: 'a', commit: A },
      { tag: 'b', commit: B },
      { tag: 'c', commit: C },
    ];
    expect(
      newestTag(
        tied,
        new Map([
          [A, 30],
          [B, 10],
          [C, 20],
        ]),
      )?.tag,
    ).toBe('a');
    expect(
      newestTag(
        tied,
        new Map([
          [A, 10],
          [B, 10],
          [C, 10],
        ]),
      )?.tag,
    ).toBe('c');
  });
});

describe('unsafe refs never reach git', () => {
  it.each([
    ['--upload-pack=evil', 'must not start with "-"'],
    ['a..b', 'contains'],
    ['a b', 'contains'],
    ['/abs', 'slash'],
    ['x.lock', 'contains'],
    ['a/.hidden', 'contains'],
    ['a@{1}', 'contains'],
    ['*', 'contains'],
  ])('%s', (name, why) => {
    expect(refNameProblem(name)).toContain(why);
  });

  it('accepts ordinary names and refuses abbreviated commits like Flux does', () => {
    expect(refNameProblem('feature/x-1.2')).toBeUndefined();
    expect(strategyProblem({ kind: 'commit', commit: 'abc1234' })).toBe(
      "unable to resolve commit object for 'abc1234': object not found",
    );
    expect(strategyProblem({ kind: 'commit', commit: A, branch: '-x' })).toMatch(/invalid branch/);
  });
});

describe('shortMessage', () => {
  it('cuts the subject at 50 code points', () => {
    expect(shortMessage('fix: one\n\nbody')).toBe('fix: one');
    expect(shortMessage('é'.repeat(60))).toBe(`${'é'.repeat(50)}...`);
  });
});

import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../api/meta.js';
import type { GitRepositoryStatus } from '../../api/source-v1.js';
import { contentConfigChanged, includesDiffer } from './content-config.js';
import { clampRelative, includeToPath } from './includes.js';
import { artifactChanged } from '../watches.js';
import { includersOf } from './watches.js';

const art = (revision: string, digest = `sha256:${revision}`): Artifact => ({
  path: 'p',
  url: 'u',
  revision,
  digest,
  lastUpdateTime: 't',
});
const lib = { repository: { name: 'lib' }, fromPath: 'manifests', toPath: 'vendor' };

describe('contentConfigChanged (rebuild although the commit is the same)', () => {
  const built: GitRepositoryStatus = {
    observedIgnore: '*.md',
    observedInclude: [lib],
    includedArtifacts: [art('a')],
  };
  it.each([
    ['nothing changed', { ignore: '*.md', include: [lib] }, built, [art('a')], false],
    ['ignore changed', { ignore: '*.txt', include: [lib] }, built, [art('a')], true],
    ['ignore removed', { include: [lib] }, built, [art('a')], true],
    ['empty ignore is not absent', { ignore: '' }, {}, [], true],
    ['no ignore, never built with one', {}, {}, [], false],
    [
      'include toPath changed',
      { ignore: '*.md', include: [{ ...lib, toPath: 'other' }] },
      built,
      [art('a')],
      true,
    ],
    ['include added', { ignore: '*.md', include: [lib, lib] }, built, [art('a'), art('a')], true],
    ['included revision moved', { ignore: '*.md', include: [lib] }, built, [art('b')], true],
    ['included digest moved', { ignore: '*.md', include: [lib] }, built, [art('a', 'sha256:zz')], true],
    ['submodules turned on', { recurseSubmodules: true }, {}, [], true],
    [
      'submodules on, as observed',
      { recurseSubmodules: true },
      { observedRecurseSubmodules: true },
      [],
      false,
    ],
    ['submodules turned off', { recurseSubmodules: false }, { observedRecurseSubmodules: true }, [], true],
    ['sparse checkout added', { sparseCheckout: ['app'] }, {}, [], true],
    [
      'sparse checkout as observed',
      { sparseCheckout: ['app', 'lib'] },
      { observedSparseCheckout: ['app', 'lib'] },
      [],
      false,
    ],
    [
      'sparse checkout reordered',
      { sparseCheckout: ['lib', 'app'] },
      { observedSparseCheckout: ['app', 'lib'] },
      [],
      true,
    ],
    ['empty sparse list is no sparse list', { sparseCheckout: [] }, {}, [], false],
    ['verification never done', { verify: { mode: 'HEAD' as const } }, {}, [], true],
    [
      'HEAD verified, HEAD wanted',
      { verify: { mode: 'HEAD' as const } },
      { sourceVerificationMode: 'HEAD' },
      [],
      false,
    ],
    [
      'HEAD verified, tag wanted too',
      { verify: { mode: 'TagAndHEAD' as const } },
      { sourceVerificationMode: 'HEAD' },
      [],
      true,
    ],
    [
      'tag verified, HEAD wanted',
      { verify: { mode: 'HEAD' as const } },
      { sourceVerificationMode: 'Tag' },
      [],
      true,
    ],
    // Flux quirk: after TagAndHEAD, asking for less needs no new verification.
    [
      'both verified, tag wanted',
      { verify: { mode: 'Tag' as const } },
      { sourceVerificationMode: 'TagAndHEAD' },
      [],
      false,
    ],
    [
      'lower-case head means HEAD',
      { verify: { mode: 'head' as const } },
      { sourceVerificationMode: 'HEAD' },
      [],
      false,
    ],
  ])('%s', (_t, spec, status, includes, expected) => {
    expect(contentConfigChanged(spec, status, includes)).toBe(expected);
  });

  it('treats no includes and an empty list alike', () => {
    expect(includesDiffer([], undefined)).toBe(false);
    expect(includesDiffer([art('a')], undefined)).toBe(true);
  });
});

describe('include paths', () => {
  it.each([
    ['', ''],
    ['./', ''],
    ['manifests', 'manifests'],
    ['./a/../b/', 'b'],
    ['../../etc', 'etc'],
    ['/abs/x', 'abs/x'],
  ])('%s clamps to %s', (input, out) => {
    expect(clampRelative(input)).toBe(out);
  });

  it('defaults toPath to the repository name', () => {
    expect(includeToPath({ repository: { name: 'lib' } })).toBe('lib');
    expect(includeToPath(lib)).toBe('vendor');
  });
});

describe('include watch', () => {
  const repo = (name: string, namespace: string, includes: string[] = []) => ({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name, namespace },
    spec: { include: includes.map((n) => ({ repository: { name: n } })) },
  });

  it('finds the GitRepositories that include a source, in its namespace only', () => {
    const all = [
      repo('app', 'a', ['lib']),
      repo('other', 'a'),
      repo('app', 'b', ['lib']),
      repo('both', 'a', ['x', 'lib']),
      repo('lib', 'a', ['lib']),
    ];
    expect(includersOf(repo('lib', 'a'), all).map((r) => r.metadata.name)).toEqual(['app', 'both']);
  });

  it('notices a new revision, a new digest, or a first artifact', () => {
    const withArtifact = (a?: Artifact) => ({ ...repo('lib', 'a'), status: a ? { artifact: a } : {} });
    expect(artifactChanged(withArtifact(art('a')), withArtifact(art('a')))).toBe(false);
    expect(artifactChanged(withArtifact(art('b')), withArtifact(art('a')))).toBe(true);
    expect(artifactChanged(withArtifact(art('a', 'sha256:x')), withArtifact(art('a')))).toBe(true);
    expect(artifactChanged(withArtifact(art('a')), withArtifact())).toBe(true);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isExcludedByDefault } from './default-ignore.js';
import { directoryEntries, DEFAULT_PACK_LIMITS } from './directory-entries.js';
import { filepathMatch } from './filepath-match.js';
import { matchIgnorePattern, parseIgnorePattern } from './ignore-pattern.js';
import { canSkipExcludedDirectories, readIgnorePatterns, sourceIgnoreFilter } from './source-ignore.js';
import { loadIgnorePatterns } from './source-ignore-files.js';

describe('filepathMatch (Go path/filepath.Match cases)', () => {
  it.each([
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'abc', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['a[^a][^a][^a]b', 'a☺b', false],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', 'x', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['[\\-x]', 'x', true],
    ['[\\-x]', '-', true],
    ['[\\-x]', 'a', false],
    ['*x', 'xxx', true],
    // malformed patterns never match (Go: ErrBadPattern)
    ['[]a]', ']', false],
    ['[-]', '-', false],
    ['[x-]', 'x', false],
    ['[-x]', 'x', false],
    ['\\', 'a', false],
    ['[a-b-c]', 'a', false],
    ['[', 'a', false],
    ['[^', 'a', false],
    ['[^bc', 'a', false],
    ['a[', 'a', false],
    ['a[', 'ab', false],
  ])('%s ~ %s → %s', (pattern, name, expected) => {
    expect(filepathMatch(pattern, name)).toBe(expected);
  });
});

describe('gitignore patterns (go-git semantics)', () => {
  const P = (p: string, domain: string[] = []) => parseIgnorePattern(p, domain);
  it.each([
    ['!vul?ano', [], ['value', 'vulkano', 'tail'], false, 'include'],
    ['value', ['head', 'middle', 'tail'], ['head', 'middle'], false, 'none'],
    ['value', ['head', 'middle', 'tail'], ['head', 'middle', 'tail'], false, 'none'],
    ['value', ['head', 'middle', 'tail'], ['head', 'middle', '_tail_', 'value'], false, 'none'],
    ['middle/', ['value', 'volcano'], ['value', 'volcano', 'middle', 'tail'], false, 'exclude'],
    ['volcano/', ['value', 'volcano'], ['value', 'volcano', 'tail'], true, 'none'],
    ['value', [], ['value', 'tail'], false, 'exclude'],
    ['value', [], ['head', 'value', 'tail'], false, 'exclude'],
    ['value', [], ['head', 'value'], false, 'exclude'],
    ['value/', [], ['value', 'tail'], false, 'exclude'],
    ['value/', [], ['head', 'value'], true, 'exclude'],
    ['value/', [], ['head', 'value'], false, 'none'],
    ['value', [], ['head', 'val', 'tail'], false, 'none'],
    ['val', [], ['head', 'value', 'tail'], false, 'none'],
    ['v*o', [], ['value', 'vulkano', 'tail'], false, 'exclude'],
    ['v[ou]l[kc]ano', [], ['value', 'volcano'], false, 'exclude'],
    ['v[ou]l[', [], ['value', 'vol['], false, 'none'],
    ['/value/vul?ano', [], ['value', 'vulkano', 'tail'], false, 'exclude'],
    ['middle/tail/', ['value', 'volcano'], ['value', 'volcano', 'middle', 'tail'], true, 'exclude'],
    ['volcano/tail', ['value', 'volcano'], ['value', 'volcano', 'tail'], false, 'none'],
    ['value/vul?ano', [], ['value', 'vulkano', 'tail'], false, 'exclude'],
    ['value/vulkano', [], ['value', 'volcano'], false, 'none'],
    ['value/vul?ano', [], ['value'], false, 'none'],
    ['/value/volcano', [], ['value', 'value', 'volcano'], false, 'none'],
    ['**/*lue/vol?ano', [], ['value', 'volcano', 'tail'], false, 'exclude'],
    ['**/*lue/vol?ano', [], ['head', 'value', 'volcano', 'tail'], false, 'exclude'],
    ['**/*lue/vol?ano', [], ['head', 'value', 'Volcano', 'tail'], false, 'none'],
    ['/*lue/vol?ano/**', [], ['value', 'volcano', 'tail', 'moretail'], false, 'exclude'],
    ['/*lue/vol?ano/**', [], ['value', 'volcano'], false, 'exclude'],
    ['/*lue/**/vol?ano', [], ['value', 'volcano'], false, 'exclude'],
    ['/*lue/**/vol?ano', [], ['value', 'middle', 'volcano'], false, 'exclude'],
    ['/*lue/**/vol?ano', [], ['value', 'middle1', 'middle2', 'volcano'], false, 'exclude'],
    ['/*lue/**/vol?ano/', [], ['value', 'middle1', 'middle2', 'volcano'], true, 'exclude'],
    ['/*lue/**/vol?ano/', [], ['value', 'middle1', 'middle2', 'volcano'], false, 'none'],
    ['/*lue/**/vol?ano/', [], ['value', 'middle1', 'middle2', 'volcano', 'tail'], false, 'exclude'],
    ['/*lue/**foo/vol?ano', [], ['value', 'foo', 'volcano', 'tail'], false, 'none'],
    ['**/head/v[ou]l[kc]ano', [], ['value', 'head', 'volcano'], false, 'exclude'],
    ['**/head/v[ou]l[', [], ['value', 'head', 'vol['], false, 'none'],
    ['/value/**/v[ou]l[', [], ['value', 'head', 'vol['], false, 'none'],
    [
      '**/android/**/GeneratedPluginRegistrant.java',
      [],
      ['packages', 'flutter_tools', 'lib', 'src', 'android', 'gradle.dart'],
      false,
      'none',
    ],
    ['trailing   ', [], ['trailing'], false, 'exclude'],
    ['\\!important', [], ['!important'], false, 'exclude'],
  ])('%s in %j on %j (dir %s) → %s', (pattern, domain, path, isDir, expected) => {
    expect(matchIgnorePattern(P(pattern, domain), path, isDir)).toBe(expected);
  });
});

describe('sourceIgnoreFilter', () => {
  const excluded = (patterns: string, path: string, isDir = false) =>
    sourceIgnoreFilter(readIgnorePatterns(patterns))(path.split('/'), isDir);

  it('applies the defaults only when there are no user patterns', () => {
    expect(isExcludedByDefault('docs/logo.png', false)).toBe(true);
    expect(isExcludedByDefault('.github', true)).toBe(true);
    expect(isExcludedByDefault('.github/workflows/ci.yaml', false)).toBe(true);
    expect(isExcludedByDefault('deep/.sops.yaml', false)).toBe(true);
    expect(isExcludedByDefault('LOGO.PNG', false)).toBe(false); // case-sensitive, like Go
    expect(isExcludedByDefault('.git/config', false)).toBe(true);
    expect(excluded('*.txt', 'docs/logo.png')).toBe(false);
    expect(excluded('*.txt', '.github/workflows/ci.yaml')).toBe(false);
    expect(excluded('*.txt', '.git/config')).toBe(true);
    expect(excluded('*.txt', '.gitignore')).toBe(true);
  });

  it('reads lines as Go does: U+0085 is blank, U+FEFF is not, a 64 KiB line ends the file', () => {
    // Found by ignore-pattern.property.test.ts against fluxcd/pkg's ReadPatterns (bufio.Scanner).
    expect(readIgnorePatterns('\u0085\n*.a')).toHaveLength(1);
    expect(readIgnorePatterns('\ufeff\n*.a')).toHaveLength(2);
    expect(readIgnorePatterns(`*.a\n${'x'.repeat(65_535)}\n*.b`)).toHaveLength(3);
    expect(readIgnorePatterns(`*.a\n${'x'.repeat(65_536)}\n*.b`)).toHaveLength(1);
  });

  it('reads comments, blank lines, CRLF, negation, anchors, dir-only and **', () => {
    const rules = '# comment\r\n\r\n*.md\n!keep.md\n/root-only.yaml\nbuild/\nsecrets/**/*.key\n';
    expect(readIgnorePatterns(rules)).toHaveLength(5);
    expect(excluded(rules, 'README.md')).toBe(true);
    expect(excluded(rules, 'docs/keep.md')).toBe(false);
    expect(excluded(rules, 'root-only.yaml')).toBe(true);
    expect(excluded(rules, 'app/root-only.yaml')).toBe(false);
    expect(excluded(rules, 'build', true)).toBe(true);
    expect(excluded(rules, 'build', false)).toBe(false);
    expect(excluded(rules, 'app/build/out.yaml')).toBe(true);
    expect(excluded(rules, 'secrets/a/b/tls.key')).toBe(true);
    expect(excluded(rules, 'secrets/tls.key')).toBe(true);
    expect(excluded(rules, 'other/tls.key')).toBe(false);
  });

  it('only lets whole excluded directories be skipped when nothing re-includes', () => {
    expect(canSkipExcludedDirectories(readIgnorePatterns('a/\nb'))).toBe(true);
    expect(canSkipExcludedDirectories(readIgnorePatterns('a/\n!a/keep'))).toBe(false);
  });
});

describe('.sourceignore files and the artifact walk', () => {
  const root = mkdtempSync(join(tmpdir(), 'ignore-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text = 'x\n') => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('.sourceignore', '*.md\n');
  write('apps/.sourceignore', 'local.yaml\n!README.md\n');
  write('apps/README.md');
  write('apps/local.yaml');
  write('apps/app.yaml');
  write('local.yaml');
  write('README.md');
  write('deploy/secret.yaml');
  write('deploy/keep.yaml');
  write('logo.png');
  write('.git/config');

  it('loads patterns scoped to their directories, root first', async () => {
    const patterns = await loadIgnorePatterns(root);
    expect(patterns.map((p) => [p.domain.join('/'), p.parts.join('/'), p.inclusion])).toEqual([
      ['', '*.md', false],
      ['apps', 'local.yaml', false],
      ['apps', 'README.md', true],
    ]);
  });

  it('packs what the rules leave, re-including below an excluded directory', async () => {
    const patterns = [
      ...(await loadIgnorePatterns(root)),
      ...readIgnorePatterns('deploy/\n!deploy/keep.yaml\n'),
    ];
    const filter = {
      exclude: sourceIgnoreFilter(patterns),
      skipExcludedDirs: canSkipExcludedDirectories(patterns),
    };
    const paths = (await directoryEntries(root, DEFAULT_PACK_LIMITS, filter)).map((e) => e.path);
    expect(paths).toEqual([
      '.sourceignore',
      'apps',
      'apps/.sourceignore',
      'apps/README.md',
      'apps/app.yaml',
      'deploy/keep.yaml',
      'local.yaml',
      'logo.png',
    ]);
  });

  it('uses the default exclusions without user patterns', async () => {
    const paths = (await directoryEntries(join(root, 'deploy'))).map((e) => e.path);
    expect(paths).toEqual(['keep.yaml', 'secret.yaml']);
    expect((await directoryEntries(root)).map((e) => e.path)).not.toContain('logo.png');
  });
});

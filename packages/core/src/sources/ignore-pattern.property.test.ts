import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../testing/go-oracle.js';
import { filepathMatch } from './filepath-match.js';
import { isIgnored } from './ignore-pattern.js';
import { readIgnorePatterns } from './source-ignore.js';

interface MatchAnswer {
  valid: boolean;
  matched?: boolean;
}
interface IgnoreAnswer {
  patterns: number;
  ignored: boolean;
}
let gostd: GoOracleSession<{ op: 'match'; pattern: string; name: string }, MatchAnswer>;
let gitignore: GoOracleSession<
  { text: string; domain: string[]; path: string[]; isDir: boolean },
  IgnoreAnswer
>;
beforeAll(async () => {
  const [std, ignore] = await Promise.all([
    buildGoOracle(oracleDir('gostd'), 'gostd'),
    buildGoOracle(oracleDir('gitignore'), 'gitignore'),
  ]);
  gostd = startGoOracle(std);
  gitignore = startGoOracle(ignore);
}, 300_000);
afterAll(async () => {
  await gostd.close();
  await gitignore.close();
});

// Glob pieces: wildcards, classes (ranges, negation both ways, escapes, unclosed), escapes,
// separators, and plain characters that also occur in names.
const globPiece = fc.constantFrom(
  '*',
  '**',
  '?',
  '[a-c]',
  '[^b]',
  '[!b]',
  '[]a]',
  '[a-]',
  '[\\]]',
  '[',
  ']',
  '-',
  '\\',
  '\\*',
  '/',
  '!',
  ' ',
  '\\ ',
  '#',
  'a',
  'b',
  'ab',
  '.',
  'é',
  '.yaml',
  '[^é]',
  '[é-ü]',
  '[\u00a9]',
);
const glob = fc.array(globPiece, { maxLength: 7 }).map((p) => p.join(''));
const nameChar = fc.constantFrom('a', 'b', 'c', '.', 'é', '*', '[', ']', '-', '\\', ' ', '!', '/');
const name = fc.array(nameChar, { maxLength: 8 }).map((c) => c.join(''));
const component = fc
  .array(fc.constantFrom('a', 'b', 'ab', '.a', 'a.yaml', 'é', '*', '[x]', ' ', '.git', 'x.png'), {
    minLength: 1,
    maxLength: 2,
  })
  .map((c) => c.join(''));

describe('filepath.Match (property, against Go)', () => {
  it('matches exactly as Go does, a malformed pattern matching nothing', async () => {
    await fc.assert(
      fc.asyncProperty(glob, name, async (pattern, n) => {
        const go = await gostd.ask({ op: 'match', pattern, name: n });
        expect(filepathMatch(pattern, n)).toBe(go.valid && go.matched === true);
      }),
      fuzzParameters(2000),
    );
  });

  it('keeps the examples this property found', () => {
    // Go skips by bytes after a star, so a class can match the tail of a multi-byte rune.
    expect(filepathMatch('*[^\u00e9]', '\u00e9')).toBe(true);
    expect(filepathMatch('[^\u00e9]', '\u00e9')).toBe(false);
  });

  it('stays polynomial on star-heavy patterns against long names', () => {
    const started = performance.now();
    expect(filepathMatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(255))).toBe(false);
    expect(filepathMatch(`${'*?'.repeat(100)}b`, 'a'.repeat(255))).toBe(false);
    // A 64 KiB .sourceignore line: copying slices made this ~12 s; indexes take milliseconds.
    expect(filepathMatch('[a-z]'.repeat(13_000), 'a'.repeat(255))).toBe(false);
    expect(performance.now() - started).toBeLessThan(3_000); // a hang guard
  });
});

describe('ignore patterns (property, against go-git as fluxcd/pkg sourceignore reads them)', () => {
  it('reads a .sourceignore and decides every path as go-git does', async () => {
    const line = fc.oneof(
      glob,
      glob.map((g) => `!${g}`),
      glob.map((g) => `${g}/`),
      fc.constant('# c'),
    );
    const text = fc
      .tuple(fc.array(line, { maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
      .map(([lines, eol]) => lines.join(eol));
    const domain = fc.array(fc.constantFrom('a', 'b', 'ab'), { maxLength: 2 });
    const path = fc.array(component, { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(text, domain, path, fc.boolean(), async (t, d, p, isDir) => {
        const go = await gitignore.ask({ text: t, domain: d, path: p, isDir });
        const patterns = readIgnorePatterns(t, d);
        expect({ patterns: patterns.length, ignored: isIgnored(patterns, p, isDir) }).toEqual(go);
      }),
      fuzzParameters(2000),
    );
  });

  it('skips blank lines the way Go trims them, and stops where Go’s line scanner stops', async () => {
    for (const t of [
      '\u0085\n*.a',
      '\ufeff\n*.a',
      '\u00a0\n*.a',
      `${'x'.repeat(70_000)}\n*.a`,
      `*.a\n${'y'.repeat(70_000)}\n*.b`,
      ...[65_534, 65_535, 65_536].flatMap((n) => [`${'z'.repeat(n)}\n*.a`, `*.a\n${'z'.repeat(n)}`]),
      `${'z'.repeat(65_534)}\r\n*.a`,
      `${'é'.repeat(32_767)}z\n*.a`,
    ]) {
      for (const p of [['x.a'], ['x.b']]) {
        const go = await gitignore.ask({ text: t, domain: [], path: p, isDir: false });
        const patterns = readIgnorePatterns(t, []);
        expect({ patterns: patterns.length, ignored: isIgnored(patterns, p, false) }).toEqual(go);
      }
    }
  });
});

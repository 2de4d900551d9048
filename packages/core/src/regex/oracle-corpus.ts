import fc from 'fast-check';

/** One question for the Go oracle: compile `pattern`, match each input, expand `template` on each match. */
export interface RegexpOracleRequest {
  pattern: string;
  inputs: string[];
  template: string;
}

/**
 * Hand-picked patterns: Flux's own examples, named groups, classes, anchors, Unicode, Perl
 * classes, flags, repetition limits, patterns that are catastrophic under backtracking, and
 * invalid ones. Syntax newer than the oracle's Go 1.19 (`(?<name>…)`, Go 1.22; `\p{Letter}`,
 * lower-case and `ASCII` class names, Go 1.25) is left out: `go-regexp.test.ts` covers it.
 */
const FIXED_PATTERNS = [
  // Flux documentation and defaults
  '^main-[a-f0-9]+-(?P<ts>[0-9]+)',
  '^v?(?P<version>[0-9]+\\.[0-9]+\\.[0-9]+)$',
  '^.*\\.sig$',
  '^[a-f0-9]{7}$',
  '.*-rc',
  '^1\\.0',
  '^(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)(?:-(?P<pre>[0-9A-Za-z.-]+))?$',
  '^(?P<env>dev|staging|prod)-(?P<build>\\d+)$',
  '^main-(?P<sha>[a-f0-9]{7,40})-(?P<ts>\\d{10})$',
  // groups, names, alternation, leftmost-first
  '(?P<a>x)(?P<b>y)?',
  '(?P<v>a)|(?P<v>b)',
  '(?P<first>\\w+)-(?P<first>\\w+)',
  '(?P<_>a)(?P<1a>b)',
  '(a)|b',
  '(a|ab)(c|bcd)(d*)',
  '(a*)+',
  '(a|b)*',
  '(a*?)(a*)',
  '(a+)(b)?',
  '((a)|b)+',
  'x*',
  '',
  '(?:a|(b))+c',
  // classes
  '[[:alpha:]]+',
  '[[:^digit:]]',
  '[^a-z]',
  '[\\d\\s]+',
  '[a-]',
  '[]a]',
  '[^]a]',
  '[\\p{Greek}]+',
  '\\pL+',
  '\\PL',
  '\\p{^Greek}',
  '\\p{Lu}',
  '\\p{Han}',
  '[\\x{41}-\\x{5a}]+',
  '\\x41\\x{1F600}',
  '[\\-.]',
  '[a-c[:digit:]x-z]',
  // anchors and boundaries
  '^',
  '$',
  '\\A',
  '\\z',
  '(?m)^a$',
  '(?m)^$',
  '\\ba\\b',
  '\\B',
  '^$',
  'a$',
  // Unicode
  'é+',
  '(?i)ǅ',
  '(?i)k',
  '(?i)ſ',
  '.',
  '..',
  '[^\\x00-\\x7f]',
  '\\w+',
  // Perl classes and flags
  '\\d+',
  '\\D+',
  '\\w',
  '\\W',
  '\\s',
  '\\S+',
  '(?i)abc',
  '(?i)[a-c]+',
  '(?s).+',
  '(?U)a+',
  '(?U)a+?',
  '(?i:A)b',
  '(?im-s)^a.',
  '(?-i)a',
  '\\Qa.b\\E+',
  '\\Qa.b',
  '\\_',
  '\\.',
  '\\a\\f\\t\\n\\r\\v',
  '\\012',
  '\\0',
  // repetition
  'a{0}',
  'a{2,}',
  'a{1,3}?',
  'a{,5}',
  'a{1000}',
  'a{2}{3}',
  '(a{2}){3}',
  '(?:a{10}){100}',
  '(?:a{100}){100}',
  'x{2}y{0,}',
  'a{1',
  // catastrophic under backtracking
  '(a+)+$',
  '(a|a)*b',
  '(a*)*b',
  '^(\\w+\\s?)*$',
  '(x+x+)+y',
  '(.*a){12}',
  '^(a|aa)+$',
  // invalid
  '(',
  ')',
  'a**',
  'a++',
  '*a',
  '+',
  '?',
  '[z-a]',
  '[a',
  '[',
  ']',
  '\\8',
  '\\1',
  'x{1001}',
  'x{2,1}',
  '(?P<>a)',
  '(?P<a-b>x)',
  '(?P<a',
  '(?P=a)',
  '\\Z',
  '(?=x)',
  '(?!x)',
  '[[:foo:]]',
  '\\pX',
  '\\p{Foo}',
  '(?i',
  '(?z)',
  '(?i-)',
  '\\',
  'a\\',
  '\\C',
  '\\e',
  '\\x{110000}',
  '\\xZ',
  'a|*',
  '(|)',
  '()',
  '(?:)',
  '((((((((((a))))))))))',
  `${'('.repeat(1001)}a${')'.repeat(1001)}`,
  `${'(?:'.repeat(999)}a${')'.repeat(999)}`,
  '((a{100}){100}){100}',
  '(?:(?:a{1000}){1000}){1000}',
  '\\d{1000}\\d{1000}',
  '\\pL{1000}'.repeat(3500),
  '[\\pL\\pN]'.repeat(30_000),
];

/** Inputs every pattern is tried on: registry-style tags and the characters the patterns use. */
const FIXED_INPUTS = [
  '',
  'a',
  'ab',
  'abcd',
  'aaaa',
  'aaaab',
  'v1.2.3',
  '1.2.3',
  '1.2.3-rc.1',
  'main-abc1234-1700000000',
  'main-zzz-12',
  'app.sig',
  'sha256-abc.sig',
  'dev-42',
  'latest',
  'ABC',
  'é',
  'ǅǆǄ',
  'K',
  '\u212a',
  'ſ',
  'Ωμέγα',
  '漢字',
  'a\nb',
  ' a b ',
  '😀A',
  'xxyy',
];

const TEMPLATES = [
  '$1',
  '${1}',
  '$1x',
  '${1}x',
  '$0',
  '$01',
  '$10',
  '$2-$1',
  '$ts',
  '${ts}',
  '${version}',
  '$version.x',
  '$v',
  '${first}',
  '$$',
  '$',
  '${',
  '${1',
  '${}',
  '$ ',
  '$é',
  '$_',
  'static',
  'prefix-${major}.${minor}-$pre',
  '${a}${b}$a$b',
  '$100000000',
];

const LITERALS = ['a', 'b', 'c', '-', '\\.', '_', '1', 'é', 'K', ' ', 'x'];
const CLASSES = [
  '.',
  '[a-c]',
  '[^a]',
  '\\d',
  '\\w',
  '\\s',
  '[[:alpha:]]',
  '\\pL',
  '[é-ë]',
  '\\S',
  '[0-9a-f]',
];
const ANCHORS = ['^', '$', '\\b', '\\B', '\\A', '\\z'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?', '??', '{2,}?'];
const FLAGS = ['(?i)', '(?s)', '(?m)', '(?U)', '(?i:', '(?:'];

/** Well-formed patterns from a small grammar, with named, numbered and non-capturing groups. */
const grammar = fc.letrec<{ re: string; atom: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(tie('atom'), { minLength: 1, maxLength: 4 }).map((atoms) => atoms.join('')),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => `${a}|${b}`),
    fc.tuple(fc.constantFrom(...FLAGS), tie('re')).map(([f, r]) => (f.endsWith(':') ? `${f}${r})` : f + r)),
  ),
  atom: fc.oneof(
    { depthSize: 'small' },
    fc
      .tuple(fc.constantFrom(...LITERALS, ...CLASSES), fc.constantFrom(...QUANTIFIERS))
      .map(([a, q]) => a + q),
    fc.constantFrom(...ANCHORS),
    fc
      .tuple(fc.constantFrom('(', '(?:', '(?P<n>', '(?P<m>'), tie('re'), fc.constantFrom(...QUANTIFIERS))
      .map(([open, r, q]) => `${open}${r})${q}`),
  ),
}));

/** Strings of metacharacters: mostly invalid, which is the point (valid/invalid and messages must agree). */
const metaSoup = fc
  .array(fc.constantFrom(...'()[]{}*+?|\\^$.-:P<>=!,0123abcdiQE'.split('')), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''));

const input = fc
  .array(fc.constantFrom('a', 'b', 'c', '-', '.', '_', '1', '7', 'é', 'K', '\u212a', ' ', '\n', 'x', 'A'), {
    maxLength: 12,
  })
  .map((chars) => chars.join(''));

/** Syntax the Go 1.19 oracle does not know but Flux's Go does (see the header of this file). */
function newerThanOracle(pattern: string): boolean {
  return pattern.includes('(?<') || /\\[pP]\{?[a-z]/.test(pattern);
}

/**
 * The seeded corpus: the fixed patterns and 800 generated ones, each with the fixed inputs and
 * generated ones, and a template. The same questions on every run.
 */
export function regexpOracleCorpus(): RegexpOracleRequest[] {
  const generated = [
    ...fc.sample(grammar.re, { seed: 15, numRuns: 500 }),
    ...fc.sample(metaSoup, { seed: 16, numRuns: 300 }),
  ].filter((p) => !newerThanOracle(p));
  const extraInputs = fc.sample(fc.array(input, { minLength: 6, maxLength: 6 }), {
    seed: 17,
    numRuns: FIXED_PATTERNS.length + generated.length,
  });
  return [...FIXED_PATTERNS, ...generated].map((pattern, i) => ({
    pattern,
    inputs: [...FIXED_INPUTS, ...(extraInputs[i] ?? [])],
    template: TEMPLATES[i % TEMPLATES.length] ?? '$1',
  }));
}

/**
 * The deterministic corpus for the differential test against the real Masterminds semver
 * (tools/oracles/semver). Test support, kept pure and seeded so every run asks the same questions.
 */

/** One question for the oracle, in its JSON-lines protocol. */
export type OracleRequest =
  | { op: 'check'; constraint: string; version: string }
  | { op: 'compare'; a: string; b: string }
  | { op: 'strict' | 'loose'; version: string };

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRERELEASES = [
  'alpha',
  'alpha.1',
  'alpha.beta',
  'beta',
  'beta.2',
  'beta.11',
  'rc.1',
  '0',
  '1',
  '10',
  'x-y',
  'a.-',
  '0a',
];
const METADATA = ['build.1', '001', 'exp.sha.5114f85', 'x'];
const OPS = ['', '=', '!=', '>', '<', '>=', '=>', '<=', '=<', '~', '~>', '^'];
const WILDCARDS = ['x', 'X', '*'];
const ODD_VERSIONS = [
  '',
  'v',
  '1.2.3.4',
  'a.b.c',
  '1.2.3-',
  '1.2.3+',
  '01.2.3',
  '1.02.3',
  '1.2.3-01',
  '1.2.3-0.01',
  'V1.2.3',
  'vv1.2.3',
  '1.2.3-alpha..1',
  '1.2.3+a..b',
  '18446744073709551615.0.0',
  '18446744073709551616.0.0',
  '1.2.3 ',
  ' 1.2.3',
  '1.2-3',
  '1.2.3-alpha_1',
  '1..3',
  '1.2.3-a+b+c',
  '0.0.0',
  '0.0.0-0',
  '99999999999999999999.1.1',
];
const HANDPICKED_CONSTRAINTS = [
  '',
  '*',
  'x',
  'X',
  '>=1.2 <2',
  '>=1.2, <2',
  '>= 1.2, < 2',
  '1.2 - 1.4.5',
  '1.2.3 - 2.3.4 || >5',
  '>1.x',
  '<=1.x',
  '~1',
  '~1.2',
  '~1.2.3',
  '~0.0.0',
  '~0',
  '~>1.2',
  '^1.2.3',
  '^0.2.3',
  '^0.0.3',
  '^0.0',
  '^0',
  '^*',
  '^0.x',
  '^0.0.x',
  '!=1.x',
  '!=1.2.x',
  '!=1.2.x-alpha',
  '!=1.2.3',
  '>=1.0.0-0',
  '>=0.0.0-0',
  '>1.2.3-alpha',
  '<1.2.3-beta',
  '1.x-alpha',
  '>=v1.2.3',
  'v1.2',
  '=1.2.3+build',
  '>>1',
  '=>1',
  '=<2',
  '1.2.3.4',
  '1.2 -1.3',
  '1.2- 1.3',
  '1 - 2 - 3',
  '>1 || <0.5',
  '>1 ||',
  '|| >1',
  '>1|||<2',
  '1|2',
  '>=1.2\t<2',
  '>=1.2  ,  <2',
  '>= 1.2.3-alpha.1 <1.2.3',
  '~1.2.3-beta',
  '^1.2.3-beta',
  '1.2.x',
  '1.*',
  '*.*.*',
  '>=1.x.3',
  'x.1.2',
  '1.x.x',
  '>1.2.x',
  '<1.2.x',
  '<=1.2.x',
  '>=1.2.x',
  '~1.x',
  '^1.x',
  '^x',
  '=01.2.3',
  '>18446744073709551616',
  '1.2.3-01',
  ',1.2',
  '1.2,',
  '1.2 1.3',
  '>1.2.3-alpha.1 <=1.2.3-beta.2',
];

/** Every handpicked constraint is checked against this grid: boundaries all around small numbers. */
function versionGrid(): string[] {
  const grid: string[] = [];
  for (let ma = 0; ma < 3; ma++)
    for (let mi = 0; mi < 4; mi++) for (let pa = 0; pa < 5; pa++) grid.push(`${ma}.${mi}.${pa}`);
  grid.push(
    '1.2.3-alpha',
    '1.2.3-beta.2',
    '1.2.3-alpha.1',
    '0.0.3-rc.1',
    '2.0.0-0',
    '1.2.0-alpha',
    '1.0.0-0',
    '5.0.0',
    '6.1.0',
  );
  grid.push('v1.2.3', '1', '1.2', 'v2', '1.2.3+build.1', '1.3.0-x-y', '0.0.0-0');
  return grid;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function numberPart(rand: () => number): string {
  return String(Math.floor(rand() * 4));
}

/** A plausible version, sometimes partial, prefixed, pre-released or carrying metadata. */
function randomVersion(rand: () => number, base?: [string, string, string]): string {
  const [ma, mi, pa] = base ?? [numberPart(rand), numberPart(rand), numberPart(rand)];
  const parts = rand() < 0.12 ? (rand() < 0.5 ? [ma] : [ma, mi]) : [ma, mi, pa];
  let v = (rand() < 0.15 ? 'v' : '') + parts.join('.');
  if (rand() < 0.3) v += `-${pick(rand, PRERELEASES)}`;
  if (rand() < 0.12) v += `+${pick(rand, METADATA)}`;
  return rand() < 0.04 ? pick(rand, ODD_VERSIONS) : v;
}

/** A constraint version: numbers, wildcards, missing parts, pre-releases. */
function constraintVersion(rand: () => number): string {
  const part = (): string => (rand() < 0.15 ? pick(rand, WILDCARDS) : numberPart(rand));
  const n = rand() < 0.2 ? 1 : rand() < 0.35 ? 2 : 3;
  let v = (rand() < 0.1 ? 'v' : '') + Array.from({ length: n }, part).join('.');
  if (rand() < 0.2) v += `-${pick(rand, PRERELEASES)}`;
  if (rand() < 0.05) v += `+${pick(rand, METADATA)}`;
  return v;
}

function simpleConstraint(rand: () => number): string {
  const space = rand() < 0.3 ? pick(rand, [' ', '  ', '\t']) : '';
  return `${pick(rand, OPS)}${space}${constraintVersion(rand)}`;
}

function andGroup(rand: () => number): string {
  if (rand() < 0.15) return `${constraintVersion(rand)} - ${constraintVersion(rand)}`;
  const n = 1 + Math.floor(rand() * 3);
  const sep = (): string => pick(rand, [' ', ', ', ',', '  ', ' , ']);
  let out = simpleConstraint(rand);
  for (let i = 1; i < n; i++) out += sep() + simpleConstraint(rand);
  return out;
}

function randomConstraint(rand: () => number): string {
  const n = rand() < 0.25 ? 2 : 1;
  const groups = Array.from({ length: n }, () => andGroup(rand));
  return groups.join(pick(rand, [' || ', '||', ' ||']));
}

/** Versions near a constraint's own numbers, so boundaries are exercised. */
function nearVersion(rand: () => number, constraint: string): string {
  const nums = constraint.match(/[0-9]+/g) ?? [];
  if (nums.length === 0 || rand() < 0.3) return randomVersion(rand);
  const jiggle = (n: string | undefined): string =>
    String(Math.max(0, Number(n ?? '0') + Math.floor(rand() * 3) - 1));
  return randomVersion(rand, [jiggle(nums[0]), jiggle(nums[1]), jiggle(nums[2])]);
}

/**
 * The corpus: hand-picked traps against a version grid, then `size` seeded random constraints
 * with four nearby versions each, then
 * version comparisons and strict/loose parses. Same seed, same corpus.
 */
export function semverOracleCorpus(seed = 20260517, size = 1200): OracleRequest[] {
  const rand = prng(seed);
  const out: OracleRequest[] = [];
  const grid = versionGrid();
  for (const constraint of HANDPICKED_CONSTRAINTS) {
    for (const version of grid) out.push({ op: 'check', constraint, version });
  }
  for (let i = 0; i < size; i++) {
    const constraint = randomConstraint(rand);
    for (let j = 0; j < 4; j++) out.push({ op: 'check', constraint, version: nearVersion(rand, constraint) });
  }
  for (let i = 0; i < 300; i++) out.push({ op: 'compare', a: randomVersion(rand), b: randomVersion(rand) });
  for (const version of ODD_VERSIONS) out.push({ op: 'strict', version }, { op: 'loose', version });
  for (let i = 0; i < 200; i++) {
    const version = randomVersion(rand);
    out.push({ op: 'strict', version }, { op: 'loose', version });
  }
  return out;
}

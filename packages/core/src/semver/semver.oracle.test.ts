import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConstraints, satisfies } from './constraint.js';
import { semverOracleCorpus, type OracleRequest } from './oracle-corpus.js';
import { compareVersions, formatVersion, parseStrictVersion, parseVersion } from './version.js';

const run = promisify(execFile);
const ORACLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../tools/oracles/semver');
const GOPATH = '/usr/share/gocode';

interface OracleAnswer {
  valid: boolean;
  constraintValid: boolean;
  versionValid: boolean;
  matches: boolean;
  result: number;
  canonical?: string;
  error?: string;
}

/** Builds the Go oracle once per source hash, cached under ~/.cache/tideline/oracles. */
async function oracleBinary(): Promise<string> {
  const source = readFileSync(join(ORACLE_DIR, 'main.go'));
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cache = join(homedir(), '.cache', 'tideline', 'oracles');
  const bin = join(cache, `semver-${hash}`);
  if (existsSync(bin)) return bin;
  if (!existsSync(join(GOPATH, 'src/github.com/Masterminds/semver'))) {
    throw new Error(
      'Masterminds semver source missing: apt-get install -y golang-go golang-github-masterminds-semver-dev',
    );
  }
  mkdirSync(cache, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: homedir(),
    GO111MODULE: 'off',
    GOPATH,
    GOCACHE: join(cache, 'go-build'),
  };
  await run('go', ['build', '-o', bin, '.'], { cwd: ORACLE_DIR, env });
  return bin;
}

/** Sends every request to the oracle in one process; answers come back line by line, in order. */
async function askOracle(bin: string, requests: readonly OracleRequest[]): Promise<OracleAnswer[]> {
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<number | null>((res, rej) => {
    child.once('error', rej);
    child.once('close', res);
  });
  child.stdin.end(requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
  expect(await done).toBe(0);
  return Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as OracleAnswer);
}

const attempt = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

/** Our answer in the oracle's shape. */
function ours(r: OracleRequest): Partial<OracleAnswer> {
  switch (r.op) {
    case 'check': {
      const c = attempt(() => parseConstraints(r.constraint));
      const v = attempt(() => parseVersion(r.version));
      return { constraintValid: !!c, versionValid: !!v, matches: !!c && !!v && satisfies(c, v) };
    }
    case 'compare': {
      const [a, b] = [attempt(() => parseVersion(r.a)), attempt(() => parseVersion(r.b))];
      return a && b ? { valid: true, result: compareVersions(a, b) } : { valid: false };
    }
    case 'strict':
      return { valid: !!attempt(() => parseStrictVersion(r.version)) };
    case 'loose': {
      const v = attempt(() => parseVersion(r.version));
      return v ? { valid: true, canonical: formatVersion(v) } : { valid: false };
    }
  }
}

function theirs(r: OracleRequest, a: OracleAnswer): Partial<OracleAnswer> {
  if (r.op === 'check')
    return { constraintValid: a.constraintValid, versionValid: a.versionValid, matches: a.matches };
  if (r.op === 'compare') return a.valid ? { valid: true, result: a.result } : { valid: false };
  if (r.op === 'loose') return a.valid ? { valid: true, canonical: a.canonical } : { valid: false };
  return { valid: a.valid };
}

describe('semver against the real Masterminds semver (Go oracle)', () => {
  const corpus = semverOracleCorpus();
  let answers: OracleAnswer[] = [];

  beforeAll(async () => {
    answers = await askOracle(await oracleBinary(), corpus);
  }, 180_000);

  it('covers the grammar with a large enough corpus', () => {
    const checks = corpus.filter((r) => r.op === 'check');
    expect(checks.length).toBeGreaterThanOrEqual(500);
    const texts = checks.map((r) => (r.op === 'check' ? r.constraint : ''));
    for (const needle of ['||', ',', ' - ', '~', '^', 'x', '*', 'X', '-alpha', 'v']) {
      expect(texts.some((t) => t.includes(needle))).toBe(true);
    }
    expect(answers).toHaveLength(corpus.length);
    expect(answers.filter((a, i) => corpus[i]?.op === 'check' && a.matches).length).toBeGreaterThan(150);
  });

  it('agrees with the oracle on every request', () => {
    const mismatches = corpus
      .map((r, i) => ({ request: r, ours: ours(r), theirs: theirs(r, answers[i] as OracleAnswer) }))
      .filter((m) => JSON.stringify(m.ours) !== JSON.stringify(m.theirs));
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('reports improper constraints with the same message', () => {
    const rejected = corpus.flatMap((r, i) =>
      r.op === 'check' && answers[i]?.error ? [{ r, error: answers[i]?.error }] : [],
    );
    expect(rejected.length).toBeGreaterThan(20);
    for (const { r, error } of rejected) {
      if (r.op !== 'check') continue;
      expect(() => parseConstraints(r.constraint)).toThrow(error);
    }
  });
});

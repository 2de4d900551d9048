import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { configDigest } from './config-digest.js';
import { goYamlSorted } from './go-yaml-emitter.js';

const run = promisify(execFile);
const ORACLE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../tools/oracles/helm-values',
);
const GOPATH = '/usr/share/gocode';

/** Builds the Go oracle (go-yaml v2 from Debian) once per source hash. */
async function oracleBinary(): Promise<string> {
  const source = readFileSync(join(ORACLE_DIR, 'main.go'));
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cache = join(homedir(), '.cache', 'tideline', 'oracles');
  const bin = join(cache, `helm-values-${hash}`);
  if (existsSync(bin)) return bin;
  if (!existsSync(join(GOPATH, 'src/gopkg.in/yaml.v2'))) {
    throw new Error('go-yaml v2 source missing: apt-get install -y golang-go golang-gopkg-yaml.v2-dev');
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

async function ask(
  bin: string,
  corpus: readonly Record<string, unknown>[],
): Promise<{ yaml: string; digest: string }[]> {
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<number | null>((res, rej) => {
    child.once('error', rej);
    child.once('close', res);
  });
  child.stdin.end(corpus.map((v) => JSON.stringify(v)).join('\n') + '\n');
  expect(await done).toBe(0);
  return Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { yaml: string; digest: string });
}

const long = 'word '.repeat(40).trim();
/** Values that exercise every scalar style, folding, nesting and number rule of the encoder. */
const CORPUS: Record<string, unknown>[] = [
  {},
  { replicas: 3, image: { tag: 'latest', repository: 'nginx' } },
  { test: { '632bd80235a05f4192aefade': 'value1', '632bd82398e71231a98004b6': 'value4' }, replicas: 3 },
  {
    strings: [
      'true',
      'yes',
      'on',
      'null',
      '~',
      '',
      '1',
      '0x1F',
      '1e3',
      '.5',
      '1_000',
      '2001-12-14',
      '12:30',
      '0b101',
      '+1',
      '-.inf',
      '.nan',
    ],
  },
  {
    indicators: [
      '- a',
      '-a',
      ': b',
      'a: b',
      'a:b',
      '#c',
      'a #c',
      'a#c',
      '?x',
      '? x',
      '@at',
      '`tick',
      '!bang',
      '&amp',
      '*star',
      '|pipe',
      '>gt',
      '%pct',
      '{x}',
      '[x]',
      'a,b',
      "it's",
      'say "hi"',
      '---',
      '...x',
    ],
  },
  { spaces: [' lead', 'trail ', ' both ', 'in side', 'tab\there', 'a  b'] },
  {
    multiline: [
      'line1\nline2',
      'line1\nline2\n',
      'line1\n\n',
      '\nlead',
      'trail \nx',
      'a\n b',
      '\n',
      'x\r\ny',
    ],
  },
  { unicode: ['héllo', '日本語', 'emoji 🎉', 'nbsp\u00a0x', 'bom\ufeff', 'ctrl\u0001', 'ls\u2028x'] },
  { numbers: [0, -0, 1, -1, 1.5, 0.1, 0.0001, 0.00001, 123456.5, 1234567.5, 1e21, 1e-7, 2 ** 53, -3.25e10] },
  { folding: [long, `'${long}'`, `${long}: colon`, `x${'y'.repeat(100)} z`, `${'a '.repeat(50)} `] },
  { nested: [[1, [2, []]], [{}, { a: [] }], { a: { b: { c: [{ d: null, e: true }] } } }] },
  { 'key with space': 1, 'key:colon': 2, '': 3, true: 4, '123': 5, ['k'.repeat(130)]: 6, 'multi\nline': 7 },
  { z: 1, a: 2, B: 3, _: 4, é: 5, '10': 6, '9': 7 },
];

describe('configDigest against go-yaml v2 (Go oracle)', () => {
  let answers: { yaml: string; digest: string }[] = [];
  beforeAll(async () => {
    answers = await ask(await oracleBinary(), CORPUS);
  }, 120_000);

  it.each(CORPUS.map((v, i) => [i, v] as const))('corpus #%i encodes byte for byte', (i, values) => {
    expect(goYamlSorted(values)).toBe(answers[i]?.yaml);
    expect(configDigest(values)).toBe(answers[i]?.digest);
  });

  it("matches Flux's published digests", () => {
    expect(configDigest(undefined)).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(
      configDigest({
        replicas: 3,
        image: { tag: 'latest', repository: 'nginx' },
        ports: [
          { protocol: 'TCP', port: 8080 },
          { port: 9090, protocol: 'UDP' },
        ],
      }),
    ).toBe('sha256:fcdc2b0de1581a3633ada4afee3f918f6eaa5b5ab38c3fef03d5b48d3f85d9f6');
  });
});

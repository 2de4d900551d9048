import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateData } from '../controllers/imageupdateautomation/template-data.js';
import type { Change, ObjectIdentifier } from '../images/setters/update-document.js';
import { addChange, emptyResult } from '../images/setters/update-result.js';
import { fromJson } from './go-values.js';
import { templateOracleCorpus, type FluxData, type OracleRequest } from './oracle-corpus.js';
import { UNSUPPORTED_SPRIG } from './sprig/index.js';
import { compileTemplate, TemplateExecError, TemplateParseError } from './template.js';

const run = promisify(execFile);
const ORACLE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../tools/oracles/template');
const GOPATH = join(ORACLE_ROOT, 'gopath');
const SYSTEM_GOPATH = '/usr/share/gocode';

interface Answer {
  output: string;
  phase?: string;
  error?: string;
}

/** Builds the Go oracle once per source hash, cached under ~/.cache/tideline/oracles. */
async function oracleBinary(): Promise<string> {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full.slice(ORACLE_ROOT.length)).update(readFileSync(full));
    }
  };
  walk(GOPATH);
  const cache = join(homedir(), '.cache', 'tideline', 'oracles');
  const bin = join(cache, `template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(bin)) return bin;
  if (!existsSync(join(SYSTEM_GOPATH, 'src/github.com/Masterminds/sprig')))
    throw new Error('Sprig source missing: apt-get install -y golang-go golang-github-masterminds-sprig-dev');
  mkdirSync(cache, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: homedir(),
    GO111MODULE: 'off',
    GOPATH: `${GOPATH}:${SYSTEM_GOPATH}`,
    GOCACHE: join(cache, 'go-build'),
  };
  await run('go', ['build', '-o', bin, 'tideline/oracle'], { cwd: ORACLE_ROOT, env });
  return bin;
}

async function askOracle(bin: string, requests: readonly OracleRequest[]): Promise<Answer[]> {
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<number | null>((res, rej) => {
    child.once('error', rej);
    child.once('close', res);
  });
  child.stdin.end(`${requests.map((r) => JSON.stringify(r)).join('\n')}\n`);
  expect(await done).toBe(0);
  return Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Answer);
}

/** Our data for a request, built the way the reconciler builds it. */
function ourData(request: OracleRequest): ReturnType<typeof templateData> {
  if ('json' in request) return fromJson(request.json);
  const flux: FluxData = request.flux;
  const result = emptyResult();
  for (const [file, objects] of Object.entries(flux.files ?? {}))
    for (const { object, changes } of objects) {
      const id: ObjectIdentifier = {
        name: object.Name,
        namespace: object.Namespace,
        apiVersion: object.APIVersion,
        kind: object.Kind,
      };
      for (const change of changes) addChange(result, file, id, change as Change);
    }
  return templateData(
    { namespace: flux.automation.Namespace, name: flux.automation.Name },
    result,
    flux.values ?? undefined,
  );
}

function ours(request: OracleRequest): Answer {
  let template;
  try {
    template = compileTemplate('commit message', request.template);
  } catch (error) {
    if (error instanceof TemplateParseError) return { output: '', phase: 'parse', error: error.message };
    throw error;
  }
  try {
    return { output: template.execute(ourData(request)) };
  } catch (error) {
    if (error instanceof TemplateExecError) return { output: '', phase: 'exec', error: error.message };
    throw error;
  }
}

/** Go ranges `.Changed.Changes` in map order, which is random: only compare what it is made of. */
const orderFree = (request: OracleRequest): boolean =>
  'flux' in request &&
  /\.Changed\.Changes/.test(request.template) &&
  Object.keys(request.flux.files ?? {}).length > 1;

describe('Go text/template + Sprig, differentially against the real libraries', () => {
  let answers: Answer[];
  const corpus = templateOracleCorpus();
  beforeAll(async () => {
    answers = await askOracle(await oracleBinary(), corpus);
  }, 180_000);

  it('agrees on every output and error of the corpus', () => {
    const mismatches: string[] = [];
    let compared = 0;
    corpus.forEach((request, i) => {
      const want = answers[i]!;
      if (want.phase === 'panic') return;
      if (UNSUPPORTED_SPRIG.some((name) => new RegExp(`\\b${name}\\b`).test(request.template))) return;
      const got = ours(request);
      compared += 1;
      const sameError =
        (got.phase ?? '') === (want.phase ?? '') &&
        (orderFree(request) || (got.error ?? '') === (want.error ?? ''));
      const sameOutput = want.phase !== undefined || orderFree(request) || got.output === want.output;
      if (!sameError || !sameOutput)
        mismatches.push(
          `${JSON.stringify(request.template)} on ${'json' in request ? 'json' : request.flux.automation.Name}\n  go:   ${JSON.stringify(want)}\n  ours: ${JSON.stringify(got)}`,
        );
    });
    expect(compared).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 15).join('\n')).toBe('');
  });

  it('refuses the Sprig functions Tideline does not implement, by name', () => {
    expect(() => compileTemplate('commit message', '{{ shuffle "abc" }}')).toThrow(
      'template: commit message: function "shuffle" is not supported by Tideline',
    );
  });
});

import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The folder of one of the repository's Go oracles (`tools/oracles/<name>`). */
export function oracleDir(name: string): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../../tools/oracles', name);
}

/**
 * Builds the Go oracle in `dir` (one `main.go`, GOPATH mode, Debian's `golang-go`) once per
 * source hash, cached under `~/.cache/tideline/oracles/<name>-<hash>`; returns the binary.
 */
export async function buildGoOracle(
  dir: string,
  name: string,
  gopath = '/usr/share/gocode',
): Promise<string> {
  const source = readFileSync(join(dir, 'main.go'));
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cache = join(homedir(), '.cache', 'tideline', 'oracles');
  const bin = join(cache, `${name}-${hash}`);
  if (existsSync(bin)) return bin;
  mkdirSync(cache, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: homedir(),
    GO111MODULE: 'off',
    GOPATH: gopath,
    GOCACHE: join(cache, 'go-build'),
  };
  await run('go', ['build', '-o', bin, '.'], { cwd: dir, env });
  return bin;
}

/** Sends every request to the oracle in one process, one JSON line each; answers come back in order. */
export async function askGoOracle<Answer>(bin: string, requests: readonly unknown[]): Promise<Answer[]> {
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  child.stdin.end(requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const code = await exited;
  if (code !== 0) throw new Error(`oracle ${bin} exited with ${code}`);
  const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n');
  if (lines.length !== requests.length)
    throw new Error(`oracle answered ${lines.length} of ${requests.length} requests`);
  return lines.map((line) => JSON.parse(line) as Answer);
}

/** A running oracle that answers one request at a time, for properties that ask as they go. */
export interface GoOracleSession<Request, Answer> {
  ask(request: Request): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * Starts the oracle once and keeps it running: each `ask` writes one JSON line and reads one
 * back, so a fast-check property (with its shrinking) can consult Go on every run for the
 * price of a pipe round trip instead of a process start.
 */
export function startGoOracle<Request, Answer>(bin: string): GoOracleSession<Request, Answer> {
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void }[] = [];
  let buffered = '';
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure = error;
    for (const w of waiting.splice(0)) w.reject(error);
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift()?.resolve(JSON.parse(line) as Answer);
    }
  });
  child.once('error', fail);
  const exited = new Promise<void>((resolve) =>
    child.once('close', (code) => {
      if (waiting.length > 0) fail(new Error(`oracle ${bin} exited with ${code}`));
      resolve();
    }),
  );
  return {
    ask: (request) =>
      new Promise<Answer>((resolve, reject) => {
        if (failure) return reject(failure);
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify(request)}\n`);
      }),
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

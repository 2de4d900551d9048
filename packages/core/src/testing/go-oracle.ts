import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

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

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const BIN = join(ROOT, 'apps', 'server', 'bin', 'tideline.js');

/** The bench's admin token (a scratch state dir, so nothing real uses it). */
export const BENCH_TOKEN = 'bench-admin-token-0123456789abcdef';

/** A Tideline server in its own process (observe mode: it only watches), so its memory is its own. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Calls a tRPC query with the bearer token; resolves its data. */
  query<T>(path: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Resident and peak resident memory of a process, in MiB. */
export function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Starts `tideline start --observe` against `kubeconfig`; resolves once /healthz answers. */
export async function startServer(
  kubeconfig: string,
  stateDir: string,
  port: number,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'start', '--kubeconfig', kubeconfig, '--observe', '--port', String(port), '--state-dir', stateDir],
    {
      env: { ...process.env, TIDELINE_ADMIN_TOKEN: BENCH_TOKEN, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`tideline exited (${code})`))),
  );
  for (const started = Date.now(); ;) {
    const ok = await Promise.race([
      fetch(`${url}/healthz`)
        .then((r) => r.ok)
        .catch(() => false),
      exited,
    ]);
    if (ok) break;
    if (Date.now() - started > 180_000) throw new Error('tideline did not start in 3 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const headers = { authorization: `Bearer ${BENCH_TOKEN}` };
  return {
    url,
    pid: child.pid ?? 0,
    query: async <T>(path: string, input?: unknown): Promise<T> => {
      const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const response = await fetch(`${url}/trpc/${path}${search}`, { headers });
      const body = (await response.json()) as { result?: { data: T }; error?: unknown };
      if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
      return body.result.data;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

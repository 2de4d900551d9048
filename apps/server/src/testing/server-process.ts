import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/tideline.js');

/** `tideline start` running as its own process, as a user or a pod runs it. */
export interface ServerProcess {
  child: ChildProcess;
  /** Every stdout and stderr line so far. */
  stdout: string[];
  stderr: string[];
  /** The dashboard/API URL, once printed. */
  url: string;
  /** The operations listener's URL (with `--metrics-addr`). */
  metricsUrl?: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Waits for a stderr line matching `pattern`. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/**
 * Starts `bin/tideline.js start <args>` (the real entry point: it builds what is stale, then runs
 * the compiled CLI) and resolves once it prints that it is running.
 */
export async function startServerProcess(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'start', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const wakers: (() => void)[] = [];
  const wake = (): void => void wakers.splice(0).forEach((w) => w());
  createInterface({ input: child.stdout! }).on('line', (l) => (stdout.push(l), wake()));
  createInterface({ input: child.stderr! }).on('line', (l) => {
    stderr.push(l);
    if (process.env.TIDELINE_TEST_LOG) console.error(`[pid ${child.pid}] ${l}`);
    wake();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => (wake(), r(code))));
  const waitFor = (lines: string[], pattern: RegExp, timeoutMs: number): Promise<string> =>
    new Promise((resolveLine, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr:\n${stderr.join('\n')}`),
          ),
        timeoutMs,
      );
      const check = (): void => {
        const hit = lines.find((l) => pattern.test(l));
        if (hit !== undefined) {
          clearTimeout(timer);
          resolveLine(hit);
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`tideline exited with ${child.exitCode}; stderr:\n${stderr.join('\n')}`));
        } else wakers.push(check);
      };
      check();
    });
  const running = await waitFor(stdout, /Tideline is running: /, 300_000);
  const metrics = stdout.find((l) => l.includes('Metrics and probes: '));
  return {
    child,
    stdout,
    stderr,
    url: running.split('Tideline is running: ')[1]?.trim() ?? '',
    metricsUrl: metrics ? /(http:\/\/\S+)\/metrics/.exec(metrics)?.[1] : undefined,
    exited,
    waitForStderr: (pattern, timeoutMs = 60_000) => waitFor(stderr, pattern, timeoutMs),
  };
}

/** A fresh state dir's flags for a headless server on free ports (no demo, no dashboard). */
export function headlessArgs(kubeconfig: string, stateDir: string): string[] {
  return [
    '--kubeconfig',
    kubeconfig,
    '--state-dir',
    stateDir,
    '--port',
    '0',
    '--no-demo',
    '--no-dashboard',
    '--metrics-addr',
    '127.0.0.1:0',
  ];
}

import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The engine alone in its own process, so its CPU and memory are measured and nothing else. */
export const ENGINE_PROCESS = join(dirname(fileURLToPath(import.meta.url)), '..', 'engine-process.mjs');

/** Resolves once the engine process prints `ready`; rejects if it exits first. */
export function waitForEngine(engine: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    engine.stdout?.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
    engine.once('exit', (code) => reject(new Error(`engine exited (${code})`)));
  });
}

/** A process's peak resident set (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Runs `fn` over `items`, `limit` at a time (the bench's own client-side load). */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

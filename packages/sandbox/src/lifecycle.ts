import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearState, isAlive, readState, type SandboxState } from './state.js';
import { sleep } from './wait.js';

/** The compiled daemon entry (tests run this file from src/, so fall back to dist/). */
function daemonScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'daemon.js');
  return existsSync(beside) ? beside : join(here, '..', 'dist', 'daemon.js');
}

/** The outcome of {@link sandboxUp}. */
export interface SandboxUpResult {
  state: SandboxState;
  /** False when a sandbox was already running on this dir. */
  started: boolean;
}

/**
 * Starts a detached sandbox on `dir` (or reports the one already running there) and waits
 * until it is ready, passing its progress lines to `onProgress`. A first start on a machine
 * builds the control plane, which takes minutes.
 */
export async function sandboxUp(options: {
  dir: string;
  onProgress?: (line: string) => void;
  timeoutMs?: number;
}): Promise<SandboxUpResult> {
  const { dir } = options;
  const progress = options.onProgress ?? (() => {});
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const existing = readState(dir);
  if (existing && isAlive(existing.pid)) return { state: existing, started: false };
  if (existing) {
    progress(`recovering from a stale run (pid ${existing.pid} is gone)`);
    killAll(existing.childPids, 'SIGKILL');
    clearState(dir);
  }
  const logFile = join(dir, 'logs', 'sandbox.log');
  const offset = existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [daemonScript(), '--dir', dir], {
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  child.unref();
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code ?? -1));
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let printed = offset;
  for (;;) {
    printed = forwardLog(logFile, printed, progress);
    const state = readState(dir);
    if (state && state.pid === child.pid) return { state, started: true };
    if (exitCode !== undefined) {
      throw new Error(`the sandbox failed to start (exit ${exitCode}); see ${logFile}`);
    }
    if (Date.now() > deadline) {
      if (child.pid) killGroup(child.pid);
      throw new Error(`the sandbox did not become ready in time; see ${logFile}`);
    }
    await sleep(250);
  }
}

/** What `tideline sandbox status` reports. */
export interface SandboxStatus {
  running: boolean;
  state?: SandboxState;
}

/** Whether a sandbox runs on `dir`, and its published state. */
export function sandboxStatus(dir: string): SandboxStatus {
  const state = readState(dir);
  if (!state) return { running: false };
  return { running: isAlive(state.pid), state };
}

/**
 * Stops the sandbox on `dir`: SIGTERM to the daemon (which stops its children), then SIGKILL
 * to its whole process group if it has not exited in time. Returns false when none was running.
 */
export async function sandboxDown(options: { dir: string; timeoutMs?: number }): Promise<boolean> {
  const state = readState(options.dir);
  if (!state) return false;
  const wasRunning = isAlive(state.pid);
  if (wasRunning) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (isAlive(state.pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(state.pid)) killGroup(state.pid);
  }
  killAll(state.childPids, 'SIGKILL');
  clearState(options.dir);
  return wasRunning;
}

function forwardLog(logFile: string, from: number, progress: (line: string) => void): number {
  if (!existsSync(logFile)) return from;
  const content = readFileSync(logFile);
  if (content.length <= from) return from;
  const text = content.subarray(from).toString('utf8');
  const end = text.lastIndexOf('\n');
  if (end < 0) return from;
  for (const line of text.slice(0, end).split('\n')) if (line.trim()) progress(line);
  return from + Buffer.byteLength(text.slice(0, end + 1));
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

function killAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    if (!isAlive(pid)) continue;
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

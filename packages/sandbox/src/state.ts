import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running sandbox publishes about itself in `<dir>/sandbox.json`. */
export interface SandboxState {
  pid: number;
  startedAt: string;
  kubeconfigPath: string;
  gitUrl: string;
  /** The same repositories over SSH; the deploy key and known_hosts line are in `<dir>/git-ssh/`. */
  gitSshUrl?: string;
  chartRepoUrl: string;
  registryHost: string;
  /** The webhook sink's URL (notification providers of the demo post there). */
  webhookSinkUrl?: string;
  childPids: number[];
}

/** Ports of the sandbox's own servers, remembered so URLs stored in the cluster stay valid. */
export interface SandboxPorts {
  git?: number;
  gitSsh?: number;
  charts?: number;
  registry?: number;
  webhookSink?: number;
}

const STATE_FILE = 'sandbox.json';
const PORTS_FILE = 'sandbox-ports.json';

/** Reads `<dir>/sandbox.json`, or undefined when absent or unreadable. */
export function readState(dir: string): SandboxState | undefined {
  return readJson<SandboxState>(join(dir, STATE_FILE));
}

/** Atomically writes `<dir>/sandbox.json`. */
export function writeState(dir: string, state: SandboxState): void {
  writeJsonAtomic(join(dir, STATE_FILE), state);
}

/** Removes `<dir>/sandbox.json`. */
export function clearState(dir: string): void {
  rmSync(join(dir, STATE_FILE), { force: true });
}

/** The ports used last time, if any. */
export function readPorts(dir: string): SandboxPorts {
  return readJson<SandboxPorts>(join(dir, PORTS_FILE)) ?? {};
}

/** Remembers the ports in use. */
export function writePorts(dir: string, ports: SandboxPorts): void {
  writeJsonAtomic(join(dir, PORTS_FILE), ports);
}

/**
 * Whether a process with this pid is running. Signal 0 probes without sending anything; a
 * zombie (killed, not yet reaped by its parent) still answers it, so on Linux its state in
 * /proc is checked too.
 */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return existsSync('/proc/self') ? false : true;
  }
}

function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}

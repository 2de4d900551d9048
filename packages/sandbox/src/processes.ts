import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';

/** How to start one managed child process. */
export interface ManagedProcessSpec {
  /** Short name, used in logs and errors (`etcd`, `kube-apiserver`). */
  name: string;
  command: string;
  args: readonly string[];
  /** stdout and stderr are appended here. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** A running child that dies with its parent. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (whatever the code). */
  readonly exited: Promise<number | null>;
}

const SETPRIV = '/usr/bin/setpriv';

/**
 * Starts and stops the sandbox's child processes. Each child is spawned with argv (never a
 * shell) under `setpriv --pdeathsig TERM`, so the kernel stops it if this process dies
 * without cleaning up, and it stays in this process's group, so a signal to the group reaches it.
 */
export class ProcessSupervisor {
  private readonly running: ManagedProcess[] = [];
  private readonly logs: WriteStream[] = [];

  /** Spawns a child; rejects if it cannot be started at all. */
  start(spec: ManagedProcessSpec): Promise<ManagedProcess> {
    const log = createWriteStream(spec.logFile, { flags: 'a' });
    this.logs.push(log);
    log.write(`\n--- ${new Date().toISOString()} starting ${spec.command} ${spec.args.join(' ')}\n`);
    const useSetpriv = existsSync(SETPRIV);
    const command = useSetpriv ? SETPRIV : spec.command;
    const args = useSetpriv ? ['--pdeathsig', 'TERM', '--', spec.command, ...spec.args] : [...spec.args];
    const child = spawn(command, args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
      child.once('error', (error) => reject(new Error(`cannot start ${spec.name}: ${error.message}`)));
      child.once('spawn', () => {
        const managed: ManagedProcess = { name: spec.name, pid: child.pid ?? -1, child, exited };
        this.running.push(managed);
        resolve(managed);
      });
    });
  }

  /** The pids of the children still running. */
  pids(): number[] {
    return this.running
      .filter((p) => p.child.exitCode === null && p.child.signalCode === null)
      .map((p) => p.pid);
  }

  /**
   * Stops the running children called `name` (SIGTERM, then SIGKILL after `graceMs`) and forgets
   * them, leaving the others running: an outage drill stops one peer and starts it again later.
   */
  async stopNamed(name: string, graceMs = 5000): Promise<void> {
    const matching = this.running.filter((p) => p.name === name);
    if (matching.length === 0) throw new Error(`no running child called ${name}`);
    for (const p of matching) {
      this.running.splice(this.running.indexOf(p), 1);
      await stopChild(p, graceMs);
    }
  }

  /** Stops every child, newest first: SIGTERM, then SIGKILL after `graceMs`. */
  async stopAll(graceMs = 5000): Promise<void> {
    const children = this.running.splice(0).reverse();
    for (const p of children) await stopChild(p, graceMs);
    for (const log of this.logs.splice(0)) log.end();
  }
}

async function stopChild(p: ManagedProcess, graceMs: number): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

/** SIGKILLs every child still running and resolves once all have closed (server shutdown). */
export async function killChildren(children: Iterable<ChildProcess>): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolveExit) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
          child.once('close', () => resolveExit());
          child.kill('SIGKILL');
        }),
    ),
  );
}

import { spawn, type ChildProcess } from 'node:child_process';
import { ENGINE_PROCESS, waitForEngine } from '../scenarios/engine-process.js';

/** How to start the engine process (the bench's `engine-process.mjs`). */
export interface EngineCommand {
  kubeconfigPath: string;
  storageDir: string;
  kubectlBin: string;
  helmBin: string;
  concurrency: number;
}

/**
 * The engine in its own process group, as a container would hold it: a crash (SIGKILL to the
 * group) takes its helm, kustomize and git children down with it, mid-write, as a node failure
 * or an OOM kill of the pod would.
 */
export class EngineRunner {
  private child: ChildProcess | undefined;

  constructor(private readonly command: EngineCommand) {}

  /** Starts the engine (same storage dir every time) and resolves once it is running. */
  async start(): Promise<void> {
    const c = this.command;
    const child = spawn(
      process.execPath,
      [ENGINE_PROCESS, c.kubeconfigPath, c.storageDir, c.kubectlBin, String(c.concurrency), c.helmBin],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    this.child = child;
    await waitForEngine(child);
  }

  /** The engine's pid (its process group id too). */
  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** kill -9 of the whole process group; resolves once the engine is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await exited;
    this.child = undefined;
  }

  /** A graceful stop (SIGTERM), for the end of a run. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}

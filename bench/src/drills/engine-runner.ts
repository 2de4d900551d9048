import { spawn, type ChildProcess } from 'node:child_process';
import { ENGINE_PROCESS } from '../scenarios/engine-process.js';

/** How to start the engine process (the bench's `engine-process.mjs`). */
export interface EngineCommand {
  kubeconfigPath: string;
  storageDir: string;
  kubectlBin: string;
  helmBin: string;
  concurrency: number;
}

/** Any process the drill runs the engine in: argv for node, and the text it prints once running. */
export interface ProcessCommand {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  readyText: string;
}

/** The bench's bare engine process (`engine-process.mjs`, prints `ready`). */
export function engineProcessCommand(c: EngineCommand): ProcessCommand {
  return {
    argv: [ENGINE_PROCESS, c.kubeconfigPath, c.storageDir, c.kubectlBin, String(c.concurrency), c.helmBin],
    readyText: 'ready',
  };
}

/**
 * The engine in its own process group, as a container would hold it: a crash (SIGKILL to the
 * group) takes its helm, kustomize and git children down with it, mid-write, as a node failure
 * or an OOM kill of the pod would.
 */
export class EngineRunner {
  private child: ChildProcess | undefined;

  constructor(private readonly command: ProcessCommand) {}

  /** Starts the engine (same storage dir every time) and resolves once it is running. */
  async start(): Promise<void> {
    const { argv, env, readyText } = this.command;
    const child = spawn(process.execPath, argv, {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
      env: env ?? process.env,
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (b: Buffer) => {
        // Keep the tail only: the text may span two chunks, the output may be long.
        seen = (seen + b.toString()).slice(-4096);
        if (seen.includes(readyText)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`engine exited (${code}) before it was running`)));
    });
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

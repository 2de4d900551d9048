import { spawn } from 'node:child_process';
import { timerDelay } from '../runtime/timer-delay.js';

/** Options for {@link runProcess}. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** stdout beyond this many bytes kills the process. */
  maxStdoutBytes?: number;
  signal?: AbortSignal;
  input?: string;
  /** Sees stderr as it arrives (e.g. to timestamp log lines); the capture below is unchanged. */
  onStderr?: (chunk: Buffer) => void;
}

/** The outcome of a finished process. */
export interface RunResult {
  code: number | null;
  stdout: string;
  /** stdout as bytes, for programs that print binary data (gpg's decrypted data keys). */
  stdoutBytes: Buffer;
  stderr: string;
}

/** Raised when a process exceeds its time or output limits. */
export class ProcessLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessLimitError';
  }
}

/** The time limit in particular (callers word it as Go's `context deadline exceeded`). */
export class ProcessTimeoutError extends ProcessLimitError {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessTimeoutError';
  }
}

/**
 * Runs a program with an argv array (never a shell), a wall-clock limit and an output cap.
 * Resolves even on a non-zero exit; rejects on limits, abort or spawn failure.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      shell: false,
      // Its own process group, so a limit kills helpers it started too (git's remote-http
      // helper would otherwise hold the pipes open and the run would never end).
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let failure: Error | undefined;
    const kill = (error: Error): void => {
      failure ??= error;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(
      () => kill(new ProcessTimeoutError(`${command} timed out after ${options.timeoutMs} ms`)),
      timerDelay(options.timeoutMs),
    );
    const onAbort = (): void => kill(new Error(`${command} was cancelled`));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxStdout) kill(new ProcessLimitError(`${command} output exceeds ${maxStdout} bytes`));
      else out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      options.onStderr?.(chunk);
      errBytes += chunk.length;
      if (errBytes <= 1024 * 1024) err.push(chunk);
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(failure ?? error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else
        resolve({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stdoutBytes: Buffer.concat(out),
          stderr: Buffer.concat(err).toString('utf8'),
        });
    });
  });
}

import { formatDuration } from '@tideline/core';

/** What a graceful stop needs from a running Tideline. */
export interface Stoppable {
  /** Fails `/readyz` (first, so a Service drains the pod before it stops answering). */
  markStopping(): void;
  stop(): Promise<void>;
}

/** How the process ends (injected in tests). */
export interface ProcessHooks {
  onSignal(handler: (signal: NodeJS.Signals) => void): void;
  exit(code: number): void;
}

const processHooks: ProcessHooks = {
  onSignal: (handler) => {
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  },
  exit: (code) => process.exit(code),
};

/**
 * Waits for SIGTERM or SIGINT, then stops gracefully (readiness off, running reconciles
 * aborted and awaited, watches closed, the leader Lease released, the sandbox stopped) within
 * `timeoutMs`, as controller-runtime's `GracefulShutdownTimeout`: past it, or on a second
 * signal, the process exits with code 1 at once. Resolves 0 after a graceful stop, and still
 * makes sure the process ends soon after (a stray handle must not keep a stopped pod alive).
 */
export function stopWithDeadline(
  running: Stoppable,
  timeoutMs: number,
  log: (line: string) => void,
  hooks: ProcessHooks = processHooks,
): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    hooks.onSignal((signal) => {
      if (stopping) {
        log(`✗ ${signal} again: exiting without waiting`);
        hooks.exit(1);
        return;
      }
      stopping = true;
      log(`► ${signal}: stopping (deadline ${formatDuration(timeoutMs)})`);
      running.markStopping();
      const deadline = setTimeout(() => {
        log(`✗ graceful shutdown did not finish within ${formatDuration(timeoutMs)}: exiting`);
        hooks.exit(1);
      }, timeoutMs);
      void running.stop().then(
        () => {
          clearTimeout(deadline);
          log('✔ stopped');
          setTimeout(() => hooks.exit(0), 1_000).unref();
          resolve(0);
        },
        (error: unknown) => {
          clearTimeout(deadline);
          log(`✗ stopping failed: ${String(error)}`);
          hooks.exit(1);
        },
      );
    });
  });
}

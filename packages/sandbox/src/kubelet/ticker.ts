import type { Logger } from './options.js';

/** A periodic task that can be stopped. */
export interface Ticker {
  /** Cancels the next run and waits for a running one. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` (first run after one interval), never overlapping itself;
 * a failing run is logged and the schedule goes on.
 */
export function startTicker(
  name: string,
  intervalMs: number,
  task: () => Promise<void>,
  logger: Logger,
): Ticker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (): void => {
    timer = setTimeout(() => {
      running = task()
        .catch((error: unknown) =>
          logger(`${name}: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          if (!stopped) schedule();
        });
    }, intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}

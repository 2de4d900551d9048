import { errorMessage } from '../../runtime/errors.js';
import type { KubeObject } from '../objects.js';
import { computeStatus, type ComputeOptions } from './kstatus.js';
import { KStatus } from './result.js';
import { isWaitFinished, waitFailureMessage, type ObservedStatus, type WaitTarget } from './wait-plan.js';
import { timerDelay } from '../../runtime/timer-delay.js';

/** Raised when the objects did not all become Current; the message is Flux's. */
export class WaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitError';
  }
}

/** How the shell reads an object: undefined when it does not exist. */
export type ObjectReader = (target: WaitTarget) => Promise<KubeObject | undefined>;

/** Options of {@link waitForSet}. */
export interface WaitOptions extends ComputeOptions {
  /** Poll period (Flux: 5s for health checks, 2s for apply stages). */
  intervalMs: number;
  /**
   * When set, the first polls come sooner: this delay, doubling up to `intervalMs` (objects that
   * become ready within a second are seen within a second, without polling fast for long).
   */
  initialIntervalMs?: number;
  timeoutMs: number;
  /** Stop as soon as one object is Failed (Flux's default). */
  failFast?: boolean;
  signal?: AbortSignal;
  /** Monotonic clock in ms (injectable for tests). */
  now?: () => number;
  /** Sleeps `ms`, resolving early when `signal` aborts (injectable for tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timerDelay(ms));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function observe(
  read: ObjectReader,
  target: WaitTarget,
  options: WaitOptions,
): Promise<ObservedStatus> {
  try {
    const obj = await read(target);
    if (!obj) return { status: KStatus.NotFound };
    const result = computeStatus(obj, { ...options, nowMs: Date.now() });
    return result.error ? { status: KStatus.Unknown, error: result.error } : { status: result.status };
  } catch (error) {
    return { status: KStatus.Unknown, error: errorMessage(error) };
  }
}

/**
 * Polls the targets' kstatus every `intervalMs` until all are Current, one fails (fail-fast),
 * all are settled, or `timeoutMs` passes; throws {@link WaitError} with Flux's message when
 * something is not Current. Throws the abort reason when `signal` aborts.
 */
export async function waitForSet(
  read: ObjectReader,
  targets: readonly WaitTarget[],
  options: WaitOptions,
): Promise<void> {
  if (targets.length === 0) return;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + options.timeoutMs;
  let observed: ObservedStatus[] = [];
  let timedOut = false;
  let interval = Math.min(options.initialIntervalMs ?? options.intervalMs, options.intervalMs);
  for (;;) {
    observed = await Promise.all(targets.map((t) => observe(read, t, options)));
    options.signal?.throwIfAborted();
    if (isWaitFinished(targets, observed, options.failFast ?? true)) break;
    const remaining = deadline - now();
    if (remaining <= 0) {
      timedOut = true;
      break;
    }
    await sleep(Math.min(interval, remaining), options.signal);
    interval = Math.min(interval * 2, options.intervalMs);
    options.signal?.throwIfAborted();
    if (now() >= deadline) {
      timedOut = true;
      break;
    }
  }
  const message = waitFailureMessage(targets, observed, timedOut);
  if (message) throw new WaitError(message);
}

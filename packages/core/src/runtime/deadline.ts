import { timerDelay } from './timer-delay.js';

/** A signal that aborts at a deadline or with its parent; `dispose()` when the work is done. */
export interface Deadline {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * An AbortSignal that aborts after `ms` with a `TimeoutError` (as `AbortSignal.timeout` does), or
 * as soon as `parent` aborts. Not `AbortSignal.any([AbortSignal.timeout(ms), parent])`: Node 20
 * may garbage-collect a timeout signal held only by `any`, and then the deadline silently never
 * comes (nodejs/node#57736) — a request to a server that never answers hangs for ever. Here the
 * pending timer holds the controller, so the deadline fires whatever the collector does.
 */
export function deadlineSignal(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(parent?.reason);
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    timerDelay(ms),
  );
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

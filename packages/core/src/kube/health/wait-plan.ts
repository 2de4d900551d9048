import { KStatus, type KStatusValue } from './result.js';

/** One object to wait for. */
export interface WaitTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** A Job with `ttlSecondsAfterFinished`: once gone, it counts as done (Flux's JobsWithTTL). */
  ttlJob?: boolean;
}

/** The last status seen for a target. */
export interface ObservedStatus {
  status: KStatusValue;
  /** Why the status could not be computed (e.g. an API error). */
  error?: string;
}

/** `<Kind>/<namespace>/<name>` (or `<Kind>/<name>`), as fluxcd/pkg `FmtObjMetadata` prints. Pure. */
export function targetSubject(target: WaitTarget): string {
  return target.namespace
    ? `${target.kind}/${target.namespace}/${target.name}`
    : `${target.kind}/${target.name}`;
}

function effectiveStatus(target: WaitTarget, observed: ObservedStatus): KStatusValue {
  return observed.status === KStatus.NotFound && target.ttlJob ? KStatus.Current : observed.status;
}

/**
 * Whether waiting is over (fluxcd/pkg `WaitForSetWithContext`): every status is Current or
 * Failed (a Failed object never becomes Current), or fail-fast is on and something failed.
 * Expects one observation per target. Pure.
 */
export function isWaitFinished(
  targets: readonly WaitTarget[],
  observed: readonly ObservedStatus[],
  failFast: boolean,
): boolean {
  let terminal = true;
  let failedCount = 0;
  targets.forEach((target, i) => {
    const seen = observed[i];
    const status = seen ? effectiveStatus(target, seen) : KStatus.Unknown;
    if (status === KStatus.Failed) failedCount += 1;
    if (status !== KStatus.Failed && status !== KStatus.Current) terminal = false;
  });
  return terminal || (failFast && failedCount > 0);
}

/**
 * The error fluxcd/pkg reports when waiting ends badly, or undefined when all is well:
 * `timeout waiting for: [...]` after the deadline, else `failed early due to stalled resources: [...]`,
 * listing `<subject> status: '<status>'` for Failed objects (and, on timeout, all non-Current ones). Pure.
 */
export function waitFailureMessage(
  targets: readonly WaitTarget[],
  observed: readonly (ObservedStatus | undefined)[],
  timedOut: boolean,
): string | undefined {
  const errors: string[] = [];
  targets.forEach((target, i) => {
    const seen = observed[i];
    const subject = targetSubject(target);
    if (!seen) {
      if (!target.ttlJob) errors.push(`can't determine status for ${subject}`);
      return;
    }
    if (seen.status === KStatus.NotFound && target.ttlJob) return;
    if (seen.status === KStatus.Failed || (timedOut && seen.status !== KStatus.Current)) {
      errors.push(`${subject} status: '${seen.status}'${seen.error ? `: ${seen.error}` : ''}`);
    }
  });
  if (errors.length === 0) return undefined;
  return `${timedOut ? 'timeout waiting for' : 'failed early due to stalled resources'}: [${errors.join(', ')}]`;
}

import { parseDuration } from '../../runtime/duration.js';
import { DEFAULT_RETRY_INTERVAL_MS, type Hr } from './release-spec.js';

/**
 * helm-controller's `Remediation` and `Retry` (api/v2): which strategy applies to the last
 * attempted release action, its failure counter, and when retries are exhausted. Pure.
 */

/** The remediation of install (always uninstall) or upgrade (rollback or uninstall). */
export interface ActiveRemediation {
  action: 'install' | 'upgrade';
  retries: number;
  strategy: 'rollback' | 'uninstall';
  /** `failures` counter of the action (`installFailures` / `upgradeFailures`). */
  failureCount: number;
  mustRemediateLastFailure: boolean;
  /** `ignoreTestFailures`, defaulting to `test.ignoreFailures`. */
  ignoreTestFailures: boolean;
  /** `retries >= 0 && failureCount > retries` (negative retries are infinite). */
  retriesExhausted: boolean;
  /** An upgrade remediated by uninstall: after it the release is reinstalled, never stalled. */
  isUninstallAfterUpgrade: boolean;
}

/** The remediation for an action, whatever was attempted last. Pure. */
export function remediationFor(hr: Hr, action: 'install' | 'upgrade'): ActiveRemediation {
  const status = hr.status ?? {};
  const testIgnore = hr.spec.test?.ignoreFailures === true;
  if (action === 'install') {
    const r = hr.spec.install?.remediation ?? {};
    const retries = r.retries ?? 0;
    const failureCount = status.installFailures ?? 0;
    return {
      action,
      retries,
      strategy: 'uninstall',
      failureCount,
      mustRemediateLastFailure: r.remediateLastFailure ?? false,
      ignoreTestFailures: r.ignoreTestFailures ?? testIgnore,
      retriesExhausted: retries >= 0 && failureCount > retries,
      isUninstallAfterUpgrade: false,
    };
  }
  const r = hr.spec.upgrade?.remediation ?? {};
  const retries = r.retries ?? 0;
  const failureCount = status.upgradeFailures ?? 0;
  const strategy = r.strategy ?? 'rollback';
  return {
    action,
    retries,
    strategy,
    failureCount,
    mustRemediateLastFailure: r.remediateLastFailure ?? retries > 0,
    ignoreTestFailures: r.ignoreTestFailures ?? testIgnore,
    retriesExhausted: retries >= 0 && failureCount > retries,
    isUninstallAfterUpgrade: strategy === 'uninstall',
  };
}

/** `GetActiveRemediation`: the remediation of `status.lastAttemptedReleaseAction`, if any. Pure. */
export function activeRemediation(hr: Hr): ActiveRemediation | undefined {
  const last = hr.status?.lastAttemptedReleaseAction;
  return last === 'install' || last === 'upgrade' ? remediationFor(hr, last) : undefined;
}

/**
 * `GetActiveRetry`: with the `RetryOnFailure` strategy (or the engine's default-to-retry
 * switch when no strategy is set), the retry interval in ms; undefined otherwise. Pure.
 */
export function activeRetryIntervalMs(hr: Hr, defaultToRetryOnFailure = false): number | undefined {
  const last = hr.status?.lastAttemptedReleaseAction;
  if (last !== 'install' && last !== 'upgrade') return undefined;
  return retryIntervalMs(hr, last, defaultToRetryOnFailure);
}

/** An action's retry interval when it retries on failure; undefined when it remediates. Pure. */
export function retryIntervalMs(
  hr: Hr,
  action: 'install' | 'upgrade',
  defaultToRetryOnFailure = false,
): number | undefined {
  const strategy = hr.spec[action]?.strategy;
  if (!strategy) return defaultToRetryOnFailure ? DEFAULT_RETRY_INTERVAL_MS : undefined;
  if (strategy.name !== 'RetryOnFailure') return undefined;
  return strategy.retryInterval ? parseDuration(strategy.retryInterval) : DEFAULT_RETRY_INTERVAL_MS;
}

/** Increments `failures` and the action's own counter. Mutates `hr.status`. */
export function incrementActionFailures(hr: Hr, action: 'install' | 'upgrade'): void {
  const status = (hr.status ??= {});
  if (action === 'install') status.installFailures = (status.installFailures ?? 0) + 1;
  else status.upgradeFailures = (status.upgradeFailures ?? 0) + 1;
}

/** `ClearFailures`. Mutates `hr.status`. */
export function clearFailures(hr: Hr): void {
  const status = (hr.status ??= {});
  delete status.failures;
  delete status.installFailures;
  delete status.upgradeFailures;
}

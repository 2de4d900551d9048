import { HelmConditionType, HelmReason, type Snapshot } from '../../api/helmrelease-v2.js';
import { ConditionType } from '../../api/meta.js';
import {
  compareConditions,
  deleteCondition,
  getCondition,
  isTrue,
  markTrue,
  setCondition,
} from '../../runtime/conditions.js';
import {
  fullReleaseName,
  latest,
  previous,
  truncate,
  truncateIgnoringPrevious,
  versionedChartName,
} from './history.js';
import { HrMessages } from './messages.js';
import type { ReleaseState } from './release-state.js';
import { driftMode, type Hr } from './release-spec.js';
import { activeRemediation, activeRetryIntervalMs, remediationFor } from './remediation.js';
import { summarize } from './summarize.js';

/** The actions of the AtomicRelease loop, by helm-controller's names. */
export type ActionName =
  'install' | 'upgrade' | 'test' | 'unlock' | 'rollback' | 'uninstall' | 'correct-drift';

/** Release actions mark Ready Unknown while they run; remediations stop the loop. */
export const ACTION_TYPE: Record<ActionName, 'release' | 'test' | 'unlock' | 'remediate' | 'drift'> = {
  install: 'release',
  upgrade: 'release',
  test: 'test',
  unlock: 'unlock',
  rollback: 'remediate',
  uninstall: 'remediate',
  'correct-drift': 'drift',
};

/** The names helm-controller prints in "Running '<name>' action". */
export const ACTION_DISPLAY: Record<ActionName, string> = {
  install: 'install',
  upgrade: 'upgrade',
  test: 'test',
  unlock: 'unlock',
  rollback: 'rollback',
  uninstall: 'uninstall',
  'correct-drift': 'correct cluster drift',
};

/** Whether the rollback target is still in Helm's storage, unchanged. */
export type RollbackTargetCheck = (snapshot: Snapshot | undefined) => 'ok' | 'missing' | 'corrupt';

/** Why the loop cannot go on: out of retries, or no release to roll back to. */
export class PlanError extends Error {
  constructor(
    readonly kind: 'RetriesExceeded' | 'MissingRollbackTarget',
    message: string,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}

/** What the planner decided, and the Warning event a drift calls for. */
export interface Plan {
  next?: ActionName;
  driftEvent?: string;
}

/** Inputs besides the object and its state. */
export interface PlanInput {
  forceRequested: boolean;
  defaultToRetryOnFailure: boolean;
  verifyRollbackTarget: RollbackTargetCheck;
  /** The drift summary when the state is Drifted. */
  driftSummary?: string;
}

function replaceCondition(
  hr: Hr,
  target: string,
  replacement: string,
  reason: string,
  message: string,
): void {
  const c = getCondition(hr, target);
  if (!c) return;
  deleteCondition(hr, replacement);
  deleteCondition(hr, target);
  // The replaced condition keeps its transition time, as Flux's `replaceCondition` does.
  hr.status?.conditions?.push({ ...c, type: replacement, status: 'True', reason, message });
  hr.status?.conditions?.sort(compareConditions);
}

function inSync(hr: Hr, input: PlanInput): Plan {
  const status = (hr.status ??= {});
  if (activeRetryIntervalMs(hr, input.defaultToRetryOnFailure) !== undefined) {
    status.history = truncateIgnoringPrevious(status.history);
  } else {
    const ignore = activeRemediation(hr)?.ignoreTestFailures ?? hr.spec.test?.ignoreFailures === true;
    status.history = truncate(status.history, ignore);
  }
  if (input.forceRequested) return { next: 'upgrade' };
  const cur = latest(status.history);
  if (isTrue(hr, HelmConditionType.Remediated)) {
    const message = HrMessages.upgradeSuccess(fullReleaseName(cur), versionedChartName(cur));
    replaceCondition(
      hr,
      HelmConditionType.Remediated,
      HelmConditionType.Released,
      HelmReason.UpgradeSucceeded,
      message,
    );
  }
  if (!isTrue(hr, ConditionType.Ready) || !isTrue(hr, HelmConditionType.Released)) {
    const reason = getCondition(hr, HelmConditionType.Released)?.reason;
    if (reason === HelmReason.InstallFailed || reason === HelmReason.UpgradeFailed) {
      const installed = reason === HelmReason.InstallFailed;
      const message = (installed ? HrMessages.installSuccess : HrMessages.upgradeSuccess)(
        fullReleaseName(cur),
        versionedChartName(cur),
      );
      markTrue(
        hr,
        HelmConditionType.Released,
        installed ? HelmReason.InstallSucceeded : HelmReason.UpgradeSucceeded,
        message,
      );
      summarize(hr);
    }
  }
  if (driftMode(hr) !== 'disabled') {
    setCondition(hr, HelmConditionType.Drifted, 'False', HelmReason.NoDriftDetected, HrMessages.noDrift);
  }
  return {};
}

function failed(hr: Hr, input: PlanInput): Plan {
  const status = (hr.status ??= {});
  if (activeRetryIntervalMs(hr, input.defaultToRetryOnFailure) !== undefined) {
    status.history = truncateIgnoringPrevious(status.history);
    return { next: 'upgrade' };
  }
  const remediation = activeRemediation(hr);
  if (!remediation || remediation.failureCount <= 0 || input.forceRequested) return { next: 'upgrade' };
  if (remediation.retriesExhausted && !remediation.mustRemediateLastFailure) {
    throw new PlanError('RetriesExceeded', 'exceeded maximum retries: cannot remediate failed release');
  }
  status.history = truncate(status.history, remediation.ignoreTestFailures);
  if (remediation.strategy === 'uninstall') return { next: 'uninstall' };
  const check = input.verifyRollbackTarget(previous(status.history, remediation.ignoreTestFailures));
  if (check === 'missing') {
    throw new PlanError(
      'MissingRollbackTarget',
      'missing target release for rollback: cannot remediate failed release',
    );
  }
  return { next: check === 'corrupt' ? 'upgrade' : 'rollback' };
}

/**
 * helm-controller's `actionForState`: the next action for a release state, adjusting history and
 * conditions as it does. Throws {@link PlanError} when out of retries (the caller stalls with
 * `RetriesExceeded`) or without a rollback target. Mutates `hr`; otherwise pure.
 */
export function nextAction(hr: Hr, state: ReleaseState, input: PlanInput): Plan {
  switch (state.status) {
    case 'InSync':
      return inSync(hr, input);
    case 'Locked':
      return { next: 'unlock' };
    case 'Absent':
      if (remediationFor(hr, 'install').retriesExhausted && !input.forceRequested) {
        throw new PlanError('RetriesExceeded', 'exceeded maximum retries: cannot install release');
      }
      return { next: 'install' };
    case 'Unmanaged':
      delete (hr.status ??= {}).history;
      return { next: 'upgrade' };
    case 'OutOfSync':
      if (remediationFor(hr, 'upgrade').retriesExhausted && !input.forceRequested) {
        throw new PlanError('RetriesExceeded', 'exceeded maximum retries: cannot upgrade release');
      }
      return { next: 'upgrade' };
    case 'Drifted': {
      const message = HrMessages.drifted(
        fullReleaseName(latest(hr.status?.history)),
        input.driftSummary ?? '',
      );
      setCondition(hr, HelmConditionType.Drifted, 'True', HelmReason.DriftDetected, message);
      return { next: driftMode(hr) === 'enabled' ? 'correct-drift' : undefined, driftEvent: message };
    }
    case 'Untested': {
      if (isTrue(hr, HelmConditionType.Remediated)) {
        const cur = latest(hr.status?.history);
        const message = HrMessages.upgradeSuccess(fullReleaseName(cur), versionedChartName(cur));
        replaceCondition(
          hr,
          HelmConditionType.Remediated,
          HelmConditionType.Released,
          HelmReason.UpgradeSucceeded,
          message,
        );
      }
      return { next: 'test' };
    }
    case 'Failed':
      return failed(hr, input);
  }
}

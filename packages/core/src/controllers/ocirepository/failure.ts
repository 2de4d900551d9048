import { ConditionType } from '../../api/meta.js';
import { markFalse, markStalled, markTrue } from '../../runtime/conditions.js';
import { StallingError } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { finishSourceStatus, recordSourceFailure } from '../shared/source-status.js';
import type { OCIRepositoryRun } from './run.js';

/** Thrown after status and events say what failed, so the controller backs off without more noise. */
export class OciFailure extends Error {}

/** A negative condition True, Ready=False with the same reason and message, a Warning event; then back off. */
export async function failRun(
  events: EventRecorder,
  run: OCIRepositoryRun,
  condition: string | undefined,
  reason: string,
  message: string,
): Promise<never> {
  await recordSourceFailure(run.obj, run.status, events, {
    condition,
    reason,
    message,
    eventType: 'Warning',
  });
  throw new OciFailure(message);
}

/** A terminal problem: Stalled, FetchFailed and Ready=False with the same reason; no retry until the spec changes. */
export async function stallRun(
  events: EventRecorder,
  run: OCIRepositoryRun,
  reason: string,
  message: string,
): Promise<never> {
  const { obj } = run;
  markTrue(obj, ConditionType.FetchFailed, reason, message);
  markStalled(obj, reason, message);
  markFalse(obj, ConditionType.Ready, reason, message);
  await events.record(obj, 'Warning', reason, message);
  await finishSourceStatus(obj, run.status);
  throw new StallingError(message, reason);
}

import { ConditionType, Reason } from '../../api/meta.js';
import { errorMessage, WaitingError } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { redactSecrets } from '../../sources/git-auth.js';
import { GitError, gitSecrets } from '../../sources/git-runner.js';
import { recordSourceFailure } from '../shared/source-status.js';
import { GitMessages } from './messages.js';
import type { GitRepositoryRun } from './run.js';

/** Thrown after status was written, so the controller backs off without logging twice. */
export class FetchFailure extends Error {}

/** A direct first fetch found no such ref; nothing was written: take the ls-remote path instead. */
export class DirectFetchFailed extends Error {}

/** Thrown after a Stalled status was written: nothing will change until the spec does. */
export class StalledFailure extends Error {}

/**
 * A negative condition True, Ready=False with the same reason and message, an event; then
 * backs off, or (with `waitMs`) waits that long as for a dependency. Credentials are redacted first.
 */
export async function failRun(
  events: EventRecorder,
  run: GitRepositoryRun,
  condition: string | undefined,
  reason: string,
  text: string,
  waitMs?: number,
  stalled = false,
): Promise<never> {
  const message = redactSecrets(text, gitSecrets(run.git));
  const eventType = waitMs === undefined ? 'Warning' : 'Normal';
  await recordSourceFailure(run.obj, run.status, events, { condition, reason, message, eventType });
  if (waitMs !== undefined) throw new WaitingError(message, reason, waitMs);
  throw stalled ? new StalledFailure(message) : new FetchFailure(message);
}

/** A git failure: FetchFailed=True with Flux's reason and message. */
export function fetchFailed(events: EventRecorder, run: GitRepositoryRun, error: unknown): Promise<never> {
  const empty =
    error instanceof GitError && error.kind === 'empty' && error.message === GitMessages.emptyRepository;
  if (empty)
    return failRun(
      events,
      run,
      ConditionType.FetchFailed,
      Reason.EmptyGitRepository,
      GitMessages.emptyRepository,
    );
  return failRun(
    events,
    run,
    ConditionType.FetchFailed,
    Reason.GitOperationFailed,
    GitMessages.checkoutFailed(errorMessage(error)),
  );
}

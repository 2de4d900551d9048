import { CHANGE_REQUEST_PROVIDER_TYPES, COMMIT_STATUS_PROVIDER_TYPES } from '../api/notification-v1beta3.js';
import type { FluxEvent } from './event.js';
import { hasChangeRequestKey, hasCommitKey, isCommitStatusUpdate } from './metadata.js';

/** Why an event does not go to a Provider (nothing is reported for these but a log line). */
export type RoutingSkip = 'suspended' | 'commit-status-update' | 'no-commit' | 'no-change-request';

/** Whether the type forwards events as they are (`generic`, `generic-hmac`). */
export function isGenericProvider(type: string): boolean {
  return type === 'generic' || type === 'generic-hmac';
}

/** Whether the type sets commit statuses. */
export function isCommitStatusProvider(type: string): boolean {
  return COMMIT_STATUS_PROVIDER_TYPES.includes(type);
}

/**
 * Step 6's per-provider rules (notification-controller getNotificationParams), on the event
 * before its metadata is combined: a suspended Provider gets nothing; a commit status update
 * reaches only git and generic providers (so "Reconciliation finished" never reaches Slack);
 * a commit-status provider gets only commit status updates, events with a commit, and errors;
 * a change-request provider needs a change request. Pure.
 */
export function routeToProvider(
  provider: { type: string; suspend?: boolean },
  event: FluxEvent,
): RoutingSkip | undefined {
  if (provider.suspend) return 'suspended';
  const commitStatus = isCommitStatusProvider(provider.type);
  if (!commitStatus && !isGenericProvider(provider.type) && isCommitStatusUpdate(event))
    return 'commit-status-update';
  if (commitStatus && !hasCommitKey(event) && !isCommitStatusUpdate(event) && event.severity !== 'error')
    return 'no-commit';
  if (CHANGE_REQUEST_PROVIDER_TYPES.includes(provider.type) && !hasChangeRequestKey(event))
    return 'no-change-request';
  return undefined;
}

import { describe, expect, it } from 'vitest';
import {
  describeOutcome,
  describePending,
  isActionConfirmed,
  type ActionEvidence,
  type ActionRequest,
} from './action-outcome';

const AT = '2026-05-01T12:00:00.000Z';
const object = (patch: Partial<ActionEvidence> = {}): ActionEvidence => ({
  suspended: false,
  state: 'ready',
  readyReason: 'ReconciliationSucceeded',
  ...patch,
});

describe('isActionConfirmed', () => {
  it.each<[string, ActionRequest, ActionEvidence, boolean]>([
    ['suspend before the update', { action: 'suspend' }, object(), false],
    [
      'suspend after the update',
      { action: 'suspend' },
      object({ suspended: true, state: 'suspended' }),
      true,
    ],
    ['resume before the update', { action: 'resume' }, object({ suspended: true }), false],
    [
      'resume after the update',
      { action: 'resume' },
      object({ suspended: false, state: 'progressing' }),
      true,
    ],
    [
      'reconcile not yet handled',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: '2026-04-30T00:00:00Z' }),
      false,
    ],
    [
      'reconcile handled but still progressing',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: AT, state: 'progressing' }),
      false,
    ],
    [
      'reconcile handled and ready',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: AT }),
      true,
    ],
    [
      'reconcile handled and failed',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: AT, state: 'failed' }),
      true,
    ],
    [
      'reconcile without a request time',
      { action: 'reconcile' },
      object({ lastHandledReconcileAt: undefined }),
      false,
    ],
  ])('%s → %s', (_name, request, evidence, expected) =>
    expect(isActionConfirmed(request, evidence)).toBe(expected),
  );
});

describe('describeOutcome and describePending', () => {
  it.each<[Parameters<typeof describeOutcome>[0], ActionEvidence, string]>([
    ['suspend', object({ suspended: true }), 'Suspended'],
    ['resume', object(), 'Resumed'],
    ['reconcile', object(), 'Reconciled: Ready (ReconciliationSucceeded)'],
    [
      'reconcile',
      object({ state: 'failed', readyReason: 'BuildFailed' }),
      'Reconciled: Failed (BuildFailed)',
    ],
    ['reconcile', object({ state: 'unknown', readyReason: '' }), 'Reconciled: Unknown'],
  ])('%s on %j → %s', (action, evidence, expected) =>
    expect(describeOutcome(action, evidence)).toBe(expected),
  );

  it.each([
    ['suspend', 'sending', 'Suspending…'],
    ['reconcile', 'sending', 'Requesting reconcile…'],
    ['resume', 'awaiting', 'Resume requested, waiting for the object to update…'],
  ] as const)('%s while %s → %s', (action, phase, expected) =>
    expect(describePending(action, phase)).toBe(expected),
  );
});

import { describe, expect, it } from 'vitest';
import {
  actionStage,
  describeOutcome,
  describePending,
  isActionConfirmed,
  needsConfirmation,
  type ActionEvidence,
  type ActionRequest,
  type ActionStage,
} from './action-outcome';

const AT = '2026-05-01T12:00:00.000Z';
const object = (patch: Partial<ActionEvidence> = {}): ActionEvidence => ({
  suspended: false,
  state: 'ready',
  readyReason: 'ReconciliationSucceeded',
  revision: 'main@sha1:abc',
  ...patch,
});

describe('actionStage', () => {
  it.each<[string, ActionRequest, ActionEvidence, ActionStage]>([
    ['suspend before the update', { action: 'suspend' }, object(), 'requested'],
    [
      'suspend after the update',
      { action: 'suspend' },
      object({ suspended: true, state: 'suspended' }),
      'done',
    ],
    ['resume before the update', { action: 'resume' }, object({ suspended: true }), 'requested'],
    ['resume after the update', { action: 'resume' }, object({ state: 'progressing' }), 'done'],
    [
      'reconcile not yet handled',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: '2026-04-30T00:00:00Z' }),
      'requested',
    ],
    [
      'reconcile picked up, still progressing',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: AT, state: 'progressing' }),
      'picked-up',
    ],
    [
      'reconcile handled and ready',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: AT }),
      'done',
    ],
    [
      'reconcile handled and failed',
      { action: 'reconcile', requestedAt: AT },
      object({ lastHandledReconcileAt: AT, state: 'failed' }),
      'done',
    ],
    [
      'reconcile without a request time',
      { action: 'reconcile' },
      object({ lastHandledReconcileAt: AT }),
      'requested',
    ],
  ])('%s', (_name, request, evidence, expected) => {
    expect(actionStage(request, evidence)).toBe(expected);
    expect(isActionConfirmed(request, evidence)).toBe(expected === 'done');
  });
});

describe('describeOutcome', () => {
  it.each<[Parameters<typeof describeOutcome>[0], ActionEvidence, string]>([
    ['suspend', object({ suspended: true }), 'Suspended'],
    ['resume', object(), 'Resumed'],
    ['reconcile', object(), 'Reconciled: Ready at main@sha1:abc'],
    ['reconcile', object({ revision: '' }), 'Reconciled: Ready (ReconciliationSucceeded)'],
    ['reconcile', object({ state: 'failed', readyReason: 'BuildFailed' }), 'Reconcile failed: BuildFailed'],
    ['reconcile', object({ state: 'failed', readyReason: '' }), 'Reconcile failed'],
    ['reconcile', object({ state: 'unknown', readyReason: '' }), 'Reconciled: Unknown'],
    ['force', object({ revision: '6.2.3' }), 'Forced release: Ready at 6.2.3'],
    ['reset', object({ state: 'failed', readyReason: 'UpgradeFailed' }), 'Reset, then failed: UpgradeFailed'],
  ])('%s on %j → %s', (action, evidence, expected) =>
    expect(describeOutcome(action, evidence)).toBe(expected),
  );
});

describe('describePending', () => {
  it.each<[Parameters<typeof describePending>[0], Parameters<typeof describePending>[1], string]>([
    ['suspend', 'sending', 'Suspending…'],
    ['reconcile', 'sending', 'Requesting reconcile…'],
    ['reconcile', 'requested', 'Reconcile requested, waiting for the object to update…'],
    ['reconcile', 'picked-up', 'Reconcile picked up by the controller…'],
  ])('%s %s → %s', (action, stage, expected) => expect(describePending(action, stage)).toBe(expected));
});

describe('needsConfirmation', () => {
  it.each<[Parameters<typeof needsConfirmation>[0], number, boolean]>([
    ['suspend', 1, true],
    ['resume', 1, false],
    ['reconcile', 1, false],
    ['reconcile', 2, true],
    ['resume', 5, true],
    ['force', 1, true],
    ['reset', 1, true],
  ])('%s ×%i → %s', (action, count, expected) => expect(needsConfirmation(action, count)).toBe(expected));
});

import type { FluxObjectSummary } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { bulkItemView, type BulkItemState } from './bulk-progress';

const AT = '2026-05-01T12:00:00.000Z';
const live = (patch: Partial<FluxObjectSummary> = {}): FluxObjectSummary =>
  ({
    id: 'Kustomization/flux-system/apps',
    kind: 'Kustomization',
    namespace: 'flux-system',
    name: 'apps',
    state: 'ready',
    readyReason: 'ReconciliationSucceeded',
    revision: 'main@sha1:abc',
    suspended: false,
    ...patch,
  }) as FluxObjectSummary;
const item = (patch: Partial<BulkItemState>): BulkItemState => ({
  id: 'Kustomization/flux-system/apps',
  request: { action: 'reconcile', requestedAt: AT },
  phase: 'sent',
  ...patch,
});

describe('bulkItemView', () => {
  it.each<[string, BulkItemState, FluxObjectSummary | undefined, string, boolean, boolean]>([
    ['queued', item({ phase: 'queued' }), live(), 'Queued', false, false],
    [
      'skipped (an Alert is not reconciled)',
      item({ phase: 'skipped' }),
      live(),
      'Not supported by the object',
      true,
      false,
    ],
    ['sending', item({ phase: 'sending' }), live(), 'Requesting reconcile…', false, false],
    [
      'failed to send',
      item({ phase: 'failed', error: 'forbidden' }),
      live(),
      'Failed: forbidden',
      true,
      true,
    ],
    [
      'sent, not yet picked up',
      item({}),
      live(),
      'Reconcile requested, waiting for the object to update…',
      false,
      false,
    ],
    [
      'picked up',
      item({}),
      live({ lastHandledReconcileAt: AT, state: 'progressing' }),
      'Reconcile picked up by the controller…',
      false,
      false,
    ],
    [
      'reconciled',
      item({}),
      live({ lastHandledReconcileAt: AT }),
      'Reconciled: Ready at main@sha1:abc',
      true,
      false,
    ],
    [
      'reconcile failed',
      item({}),
      live({ lastHandledReconcileAt: AT, state: 'failed', readyReason: 'BuildFailed' }),
      'Reconcile failed: BuildFailed',
      true,
      true,
    ],
    [
      'suspended',
      item({ request: { action: 'suspend' } }),
      live({ suspended: true }),
      'Suspended',
      true,
      false,
    ],
    ['the object went away', item({}), undefined, 'Requesting reconcile…', false, false],
  ])('%s', (_name, state, object, message, done, failed) =>
    expect(bulkItemView(state, object)).toEqual({ id: state.id, message, done, failed }),
  );
});

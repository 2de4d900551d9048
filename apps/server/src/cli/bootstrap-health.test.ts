import { describe, expect, it } from 'vitest';
import { healthFailure, syncObjectState, type SyncState } from './bootstrap-health.js';

const REV = 'main@sha1:1111111111111111111111111111111111111111';
const OLD = 'main@sha1:0000000000000000000000000000000000000000';

/** A sync object at generation 3 with the given spec and status. */
function obj(kind: string, status: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'x/v1',
    kind,
    metadata: { name: 'flux-system', namespace: 'flux-system', generation: 3 },
    spec,
    status,
  };
}

const ready = (status: string, message = '') => [{ type: 'Ready', status, message }];

describe('syncObjectState (flux bootstrap objectReconciled)', () => {
  it.each<[string, ReturnType<typeof obj>, SyncState]>([
    [
      'source at the pushed commit',
      obj('GitRepository', { observedGeneration: 3, conditions: ready('True'), artifact: { revision: REV } }),
      { state: 'ready' },
    ],
    [
      'source still at the previous commit',
      obj('GitRepository', { observedGeneration: 3, conditions: ready('True'), artifact: { revision: OLD } }),
      { state: 'pending' },
    ],
    [
      'Kustomization: lastAttemptedRevision is what counts',
      obj('Kustomization', {
        observedGeneration: 3,
        conditions: ready('True'),
        lastAttemptedRevision: REV,
        artifact: { revision: OLD },
      }),
      { state: 'ready' },
    ],
    [
      'Kustomization at the previous commit',
      obj('Kustomization', { observedGeneration: 3, conditions: ready('True'), lastAttemptedRevision: OLD }),
      { state: 'pending' },
    ],
    [
      'Ready=False at this generation fails with its message',
      obj('GitRepository', { observedGeneration: 3, conditions: ready('False', 'authentication required') }),
      { state: 'failed', message: 'authentication required' },
    ],
    [
      'Ready=False of an older generation is pending',
      obj('GitRepository', { observedGeneration: 2, conditions: ready('False', 'old') }),
      { state: 'pending' },
    ],
    [
      'Ready=Unknown is pending',
      obj('GitRepository', { observedGeneration: 3, conditions: ready('Unknown') }),
      { state: 'pending' },
    ],
    ['no status yet is pending', obj('GitRepository', {}), { state: 'pending' }],
    [
      'suspended fails (the wait would never end)',
      obj('Kustomization', {}, { suspend: true }),
      { state: 'failed', message: "Kustomization 'flux-system/flux-system' is suspended" },
    ],
  ])('%s', (_name, object, expected) => {
    expect(syncObjectState(object, REV)).toEqual(expected);
  });
});

describe('syncObjectState after bootstrap requested a reconcile', () => {
  const REQ = '2026-12-08T02:00:00.000Z';
  it.each<[string, ReturnType<typeof obj>, SyncState]>([
    [
      'Ready=False from before the request is pending (old credentials, no artifact yet)',
      obj('Kustomization', {
        observedGeneration: 3,
        conditions: ready('False', 'Source artifact not found'),
        lastHandledReconcileAt: 'earlier',
      }),
      { state: 'pending' },
    ],
    [
      'Ready=False once the request was handled is the result',
      obj('Kustomization', {
        observedGeneration: 3,
        conditions: ready('False', 'apply failed'),
        lastHandledReconcileAt: REQ,
      }),
      { state: 'failed', message: 'apply failed' },
    ],
    [
      'Ready=True at the pushed commit counts, handled or not (flux only checks the revision)',
      obj('GitRepository', { observedGeneration: 3, conditions: ready('True'), artifact: { revision: REV } }),
      { state: 'ready' },
    ],
  ])('%s', (_name, object, expected) => {
    expect(syncObjectState(object, REV, REQ)).toEqual(expected);
  });
});

describe('healthFailure (flux bootstrap.Run aggregate)', () => {
  it.each<[string[], string]>([
    [
      ["error while waiting for GitRepository to be ready: 'x'"],
      "bootstrap failed with 1 health check failure(s): error while waiting for GitRepository to be ready: 'x'",
    ],
    [['a', 'b'], 'bootstrap failed with 2 health check failure(s): [a, b]'],
  ])('%j', (errors, expected) => {
    expect(healthFailure(errors)).toBe(expected);
  });
});

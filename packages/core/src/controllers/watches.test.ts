import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/objects.js';
import { shouldReconcileOnUpdate } from '../runtime/predicates.js';
import { becameReady, consumersOf } from './watches.js';

const obj = (name: string, extra: Record<string, unknown> = {}, namespace = 'flux-system'): KubeObject =>
  ({ apiVersion: 'x/v1', kind: 'Kustomization', metadata: { name, namespace }, ...extra }) as KubeObject;

describe('watch predicates', () => {
  const base = obj('a', { metadata: { name: 'a', namespace: 'ns', generation: 1, annotations: {} } });
  it.each([
    ['status only', { ...base, status: { x: 1 } }, false],
    ['new generation', { ...base, metadata: { ...base.metadata, generation: 2 } }, true],
    [
      'new reconcile request',
      { ...base, metadata: { ...base.metadata, annotations: { 'reconcile.fluxcd.io/requestedAt': 'now' } } },
      true,
    ],
    [
      'deletion',
      { ...base, metadata: { ...base.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } },
      true,
    ],
  ])('%s → %s', (_what, updated, expected) => {
    expect(shouldReconcileOnUpdate(updated as KubeObject, base)).toBe(expected);
  });

  it('wakes the consumers of a source by kind, name and namespace', () => {
    const source = { ...obj('repo'), kind: 'GitRepository' } as KubeObject;
    const all = [
      obj('same-ns', { spec: { sourceRef: { kind: 'GitRepository', name: 'repo' } } }),
      obj(
        'explicit-ns',
        { spec: { sourceRef: { kind: 'GitRepository', name: 'repo', namespace: 'flux-system' } } },
        'apps',
      ),
      obj('other-ns', { spec: { sourceRef: { kind: 'GitRepository', name: 'repo' } } }, 'apps'),
      obj('other-kind', { spec: { sourceRef: { kind: 'OCIRepository', name: 'repo' } } }),
      obj('no-ref'),
    ];
    expect(consumersOf(source, all).map((o) => o.metadata.name)).toEqual(['same-ns', 'explicit-ns']);
  });

  it('sees an object turn Ready, or apply a new revision while Ready', () => {
    const readyAt = (rev: string, status = 'True'): KubeObject =>
      obj('a', { status: { lastAppliedRevision: rev, conditions: [{ type: 'Ready', status }] } });
    expect(becameReady(readyAt('r1'), readyAt('r1', 'False'))).toBe(true);
    expect(becameReady(readyAt('r2'), readyAt('r1'))).toBe(true);
    expect(becameReady(readyAt('r1'), readyAt('r1'))).toBe(false);
    expect(becameReady(readyAt('r1', 'False'), undefined)).toBe(false);
  });
});

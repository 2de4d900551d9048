import { describe, expect, it } from 'vitest';
import {
  anyInMetadata,
  dryRunErrorMessage,
  isClusterDefinition,
  isImmutableError,
  shouldForceApply,
  shouldSkipApply,
  skipsCleanup,
} from './apply-policy.js';
import { KubeApiError } from './errors.js';
import type { KubeObject } from './objects.js';
import { UnknownKindError } from './resource-mapper.js';

const obj = (annotations: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'apps', annotations, labels },
});
const ssa = (v: string) => obj({ 'kustomize.toolkit.fluxcd.io/ssa': v });

describe('apply policy', () => {
  it('matches selectors on labels or annotations, ignoring case, never on empty values', () => {
    expect(
      anyInMetadata(obj({ 'kustomize.toolkit.fluxcd.io/reconcile': 'Disabled' }), {
        'kustomize.toolkit.fluxcd.io/reconcile': 'disabled',
      }),
    ).toBe(true);
    expect(
      anyInMetadata(obj({}, { 'kustomize.toolkit.fluxcd.io/reconcile': 'disabled' }), {
        'kustomize.toolkit.fluxcd.io/reconcile': 'disabled',
      }),
    ).toBe(true);
    expect(
      anyInMetadata(obj({ 'kustomize.toolkit.fluxcd.io/reconcile': '' }), {
        'kustomize.toolkit.fluxcd.io/reconcile': '',
      }),
    ).toBe(false);
    expect(anyInMetadata(undefined, { a: 'b' })).toBe(false);
  });

  it.each<[string, KubeObject, KubeObject | undefined, boolean]>([
    ['plain object', obj(), obj(), false],
    [
      'reconcile: disabled on the desired object',
      obj({ 'kustomize.toolkit.fluxcd.io/reconcile': 'disabled' }),
      undefined,
      true,
    ],
    [
      'reconcile: disabled on the live object',
      obj(),
      obj({ 'kustomize.toolkit.fluxcd.io/reconcile': 'disabled' }),
      true,
    ],
    ['ssa: Ignore', ssa('Ignore'), undefined, true],
    ['ssa: Ignore in cluster', obj(), ssa('ignore'), true],
    ['ssa: IfNotPresent, absent', ssa('IfNotPresent'), undefined, false],
    ['ssa: IfNotPresent, present', ssa('IfNotPresent'), obj(), true],
    ['ssa: IfNotPresent only counts on the desired object', obj(), ssa('IfNotPresent'), false],
    ['ssa: Merge is applied', ssa('Merge'), obj(), false],
  ])('skip: %s', (_name, desired, live, skip) => {
    expect(shouldSkipApply(desired, live)).toBe(skip);
  });

  it('detects immutable errors like kubectl and Flux', () => {
    expect(isImmutableError(new KubeApiError('x', 422, 'Invalid'))).toBe(true);
    expect(isImmutableError(new KubeApiError('x', 409, 'Conflict'))).toBe(true);
    expect(
      isImmutableError(new KubeApiError('admission webhook: spec.x is immutable', 400, 'BadRequest')),
    ).toBe(true);
    expect(isImmutableError(new Error('cannot change immutable field spec.selector'))).toBe(true);
    expect(isImmutableError(new KubeApiError('forbidden', 403, 'Forbidden'))).toBe(false);
  });

  it('forces only on immutable errors with spec.force or force: enabled', () => {
    const invalid = new KubeApiError('x', 422, 'Invalid');
    expect(shouldForceApply(obj(), obj(), false, invalid)).toBe(false);
    expect(shouldForceApply(obj(), obj(), true, invalid)).toBe(true);
    expect(
      shouldForceApply(obj({ 'kustomize.toolkit.fluxcd.io/force': 'Enabled' }), obj(), false, invalid),
    ).toBe(true);
    expect(
      shouldForceApply(obj(), obj({ 'kustomize.toolkit.fluxcd.io/force': 'enabled' }), false, invalid),
    ).toBe(true);
    expect(shouldForceApply(obj(), obj(), true, new KubeApiError('x', 403, 'Forbidden'))).toBe(false);
  });

  it('skips metadata cleanup with ssa: Merge on either side', () => {
    expect(skipsCleanup(ssa('merge'), obj())).toBe(true);
    expect(skipsCleanup(obj(), ssa('Merge'))).toBe(true);
    expect(skipsCleanup(obj(), obj())).toBe(false);
  });

  it('classifies cluster definitions by kind and group', () => {
    expect(
      isClusterDefinition({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'x' },
      }),
    ).toBe(true);
    expect(isClusterDefinition({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } })).toBe(true);
    expect(
      isClusterDefinition({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'x' },
      }),
    ).toBe(true);
    expect(
      isClusterDefinition({ apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'x' } }),
    ).toBe(false);
  });

  it('formats dry-run errors as fluxcd/pkg does', () => {
    expect(
      dryRunErrorMessage(
        obj(),
        new KubeApiError(
          'ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set',
          422,
          'Invalid',
        ),
      ),
    ).toBe(
      'ConfigMap/apps/c dry-run failed (Invalid): ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
    expect(dryRunErrorMessage(obj(), new KubeApiError('namespaces "apps" not found', 404, 'NotFound'))).toBe(
      'ConfigMap/apps/c not found: namespaces "apps" not found',
    );
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(dryRunErrorMessage(widget, new UnknownKindError('example.com/v1', 'Widget'))).toBe(
      'Widget/w dry-run failed: no matches for kind "Widget" in version "example.com/v1"',
    );
  });
});

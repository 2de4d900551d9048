import { describe, expect, it } from 'vitest';
import type { KubeObject } from './objects.js';
import { mergeFieldsV1, metadataCleanupPatch, replaceFieldManagers } from './managed-fields.js';

const entry = (
  manager: string,
  operation: string,
  fields: Record<string, unknown>,
  subresource?: string,
) => ({
  manager,
  operation,
  apiVersion: 'v1',
  time: '2026-01-01T00:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1: fields,
  ...(subresource ? { subresource } : {}),
});

describe('managed fields cleanup', () => {
  it('merges fieldsV1 sets', () => {
    expect(
      mergeFieldsV1(
        { 'f:data': { 'f:a': {} } },
        { 'f:data': { 'f:b': {} }, 'f:metadata': { 'f:labels': {} } },
      ),
    ).toEqual({
      'f:data': { 'f:a': {}, 'f:b': {} },
      'f:metadata': { 'f:labels': {} },
    });
  });

  it('takes kubectl fields over into the owner Apply entry, by name prefix and operation', () => {
    const flux = entry('kustomize-controller', 'Apply', { 'f:data': { 'f:a': {} } });
    const edit = entry('kubectl-edit', 'Update', { 'f:data': { 'f:extra': {} } });
    const other = entry('some-operator', 'Update', { 'f:data': { 'f:op': {} } });
    const status = entry('kubectl', 'Update', { 'f:status': {} }, 'status');
    expect(
      replaceFieldManagers(
        [flux, edit, other, status],
        [{ name: 'kubectl', operation: 'Update' }],
        'kustomize-controller',
      ),
    ).toEqual([other, status, { ...flux, fieldsV1: { 'f:data': { 'f:a': {}, 'f:extra': {} } } }]);
  });

  it('renames the first match when the owner has no Apply entry yet', () => {
    const csa = entry('kubectl-client-side-apply', 'Update', { 'f:data': { 'f:a': {} } });
    expect(
      replaceFieldManagers([csa], [{ name: 'kubectl', operation: 'Update' }], 'kustomize-controller'),
    ).toEqual([{ ...csa, manager: 'kustomize-controller', operation: 'Apply' }]);
  });

  it('changes nothing when no manager matches', () => {
    expect(
      replaceFieldManagers(
        [entry('kustomize-controller', 'Apply', {})],
        [{ name: 'kubectl', operation: 'Update' }],
        'kustomize-controller',
      ),
    ).toBeUndefined();
  });

  it('builds the JSON patch: stale annotations and labels out, managers replaced', () => {
    const live: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'x' },
        labels: { 'fluxcd.io/sync-gc-mark': 'y' },
        managedFields: [
          entry('kustomize-controller', 'Apply', {}),
          entry('kubectl-edit', 'Update', { 'f:data': {} }),
        ],
      },
    };
    const patch = metadataCleanupPatch(live, 'kustomize-controller');
    expect(patch?.map((p) => [p.op, p.path])).toEqual([
      ['remove', '/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration'],
      ['remove', '/metadata/labels/fluxcd.io~1sync-gc-mark'],
      ['replace', '/metadata/managedFields'],
    ]);
    expect(
      metadataCleanupPatch(
        { ...live, metadata: { name: 'c', managedFields: [entry('kustomize-controller', 'Apply', {})] } },
        'kustomize-controller',
      ),
    ).toBeUndefined();
  });
});

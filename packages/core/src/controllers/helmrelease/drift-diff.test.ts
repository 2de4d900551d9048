import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import { withHelmMetadata } from './drift-diff.js';

const cm = (metadata: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'n', ...metadata },
});

describe('withHelmMetadata', () => {
  it.each([
    ['an object without labels or annotations', cm(), {}, {}],
    [
      "an object's own labels and annotations kept",
      cm({ labels: { app: 'web' }, annotations: { note: 'x' } }),
      { app: 'web' },
      { note: 'x' },
    ],
    [
      'a chart that sets the marks itself: Helm’s values win',
      cm({ labels: { 'app.kubernetes.io/managed-by': 'Tiller' } }),
      {},
      {},
    ],
  ])('%s', (_name, obj, labels, annotations) => {
    const out = withHelmMetadata(obj, 'web', 'apps');
    expect(out.metadata.labels).toEqual({ ...labels, 'app.kubernetes.io/managed-by': 'Helm' });
    expect(out.metadata.annotations).toEqual({
      ...annotations,
      'meta.helm.sh/release-name': 'web',
      'meta.helm.sh/release-namespace': 'apps',
    });
    expect(obj.metadata.labels?.['app.kubernetes.io/managed-by']).not.toBe('Helm');
  });
});

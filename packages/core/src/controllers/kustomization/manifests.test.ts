import { describe, expect, it } from 'vitest';
import { splitManifests, splitYamlDocuments, withCommonMetadata, withOwnerLabels } from './manifests.js';

describe('splitManifests', () => {
  it('splits kustomize output into documents with their text', () => {
    const docs = splitManifests(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: a\ndata:\n  k: |\n    x\n    y\n',
    );
    expect(docs.map((d) => d.object.metadata.name)).toEqual(['a', 'b']);
    expect(docs[1]?.text).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: a\ndata:\n  k: |\n    x\n    y\n',
    );
  });

  it.each([
    ['no name', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: a\n'],
    ['empty name', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ""\n'],
    ['no kind', 'apiVersion: v1\nmetadata:\n  name: x\n'],
    ['no apiVersion', 'kind: ConfigMap\nmetadata:\n  name: x\n'],
  ])('refuses an object with %s, in Flux words', (_name, text) => {
    expect(() => splitManifests(text)).toThrow(
      `failed to decode Kubernetes apiVersion, kind and name from: ${text.trim()}`,
    );
  });

  it('ignores empty documents', () => {
    expect(splitYamlDocuments('---\n\n---\na: 1\n')).toEqual(['a: 1\n']);
  });
});

describe('metadata stamping', () => {
  const cm = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', labels: { team: 'a', keep: 'yes' }, annotations: { note: 'x' } },
  };

  it('sets commonMetadata on every object, overriding existing keys, after the owner labels', () => {
    const owned = withOwnerLabels([cm], { name: 'apps', namespace: 'flux-system' });
    const [out] = withCommonMetadata(owned, {
      labels: { team: 'platform', env: 'prod' },
      annotations: { note: 'y' },
    });
    expect(out?.metadata.labels).toEqual({
      team: 'platform',
      keep: 'yes',
      env: 'prod',
      'kustomize.toolkit.fluxcd.io/name': 'apps',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    });
    expect(out?.metadata.annotations).toEqual({ note: 'y' });
  });

  it('is a no-op without commonMetadata', () => {
    expect(withCommonMetadata([cm], undefined)).toEqual([cm]);
  });
});

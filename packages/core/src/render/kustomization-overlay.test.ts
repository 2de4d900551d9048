import { describe, expect, it } from 'vitest';
import {
  isLocalRelativePath,
  overlayKustomization,
  type KustomizationDoc,
  type OverlaySpec,
} from './kustomization-overlay.js';

const existing = (doc: KustomizationDoc = {}): KustomizationDoc => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  resources: ['../base'],
  ...doc,
});
const ctx = { generated: false, componentExists: (p: string) => p !== 'missing' };
const overlay = (doc: KustomizationDoc, spec: OverlaySpec, generated = false): KustomizationDoc =>
  overlayKustomization(doc, spec, { ...ctx, generated });

describe('overlayKustomization', () => {
  it('leaves a file alone when the spec sets nothing', () => {
    expect(overlay(existing({ namespace: 'a' }), {})).toEqual(existing({ namespace: 'a' }));
  });

  it('fills in apiVersion and kind', () => {
    expect(overlay({ resources: ['a.yaml'] }, {})).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['a.yaml'],
    });
  });

  it('sets namespace, namePrefix and nameSuffix, overriding the file', () => {
    const out = overlay(existing({ namespace: 'from-file', namePrefix: 'old-' }), {
      targetNamespace: 'prod',
      namePrefix: 'p-',
      nameSuffix: '-s',
    });
    expect(out).toMatchObject({ namespace: 'prod', namePrefix: 'p-', nameSuffix: '-s' });
  });

  it('appends spec patches after the file patches, keeping targets', () => {
    const filePatch = {
      target: { kind: 'Deployment', name: 'my-app' },
      patch: '- op: replace\n  path: /spec/replicas\n  value: 3\n',
    };
    const out = overlay(existing({ patches: [filePatch] }), {
      patches: [
        {
          patch:
            'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-app\nspec:\n  minReadySeconds: 5\n',
        },
        {
          patch: '- op: add\n  path: /metadata/labels/x\n  value: y\n',
          target: { group: 'apps', version: 'v1', kind: 'Deployment', labelSelector: 'app=my-app', name: '' },
        },
      ],
    });
    expect(out.patches).toEqual([
      filePatch,
      {
        patch:
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-app\nspec:\n  minReadySeconds: 5\n',
      },
      {
        patch: '- op: add\n  path: /metadata/labels/x\n  value: y\n',
        target: { group: 'apps', version: 'v1', kind: 'Deployment', labelSelector: 'app=my-app' },
      },
    ]);
  });

  it.each<[string, KustomizationDoc['images'], OverlaySpec['images'], unknown]>([
    [
      'appends a new image',
      [{ name: 'a', newTag: '1' }],
      [{ name: 'b', newName: 'reg/b', newTag: '2' }],
      [
        { name: 'a', newTag: '1' },
        { name: 'b', newName: 'reg/b', newTag: '2' },
      ],
    ],
    [
      'newName overrides, tag kept',
      [{ name: 'a', newName: 'x', newTag: '1' }],
      [{ name: 'a', newName: 'y' }],
      [{ name: 'a', newName: 'y', newTag: '1' }],
    ],
    [
      'newTag replaces tag and digest as a pair',
      [{ name: 'a', newTag: '1', digest: 'sha256:old' }],
      [{ name: 'a', newTag: '2' }],
      [{ name: 'a', newTag: '2' }],
    ],
    [
      'digest replaces tag and digest as a pair',
      [{ name: 'a', newName: 'x', newTag: '1' }],
      [{ name: 'a', digest: 'sha256:new' }],
      [{ name: 'a', newName: 'x', digest: 'sha256:new' }],
    ],
    ['no file images', undefined, [{ name: 'a', newTag: '2' }], [{ name: 'a', newTag: '2' }]],
  ])('images: %s', (_name, fileImages, specImages, expected) => {
    const out = overlay(existing(fileImages ? { images: fileImages } : {}), { images: specImages });
    expect(out.images).toEqual(expected);
  });

  it('appends components, skipping missing ones only when asked', () => {
    expect(overlay(existing({ components: ['c1'] }), { components: ['c2', 'missing'] }).components).toEqual([
      'c1',
      'c2',
      'missing',
    ]);
    expect(
      overlay(existing(), { components: ['c2', 'missing'], ignoreMissingComponents: true }).components,
    ).toEqual(['c2']);
    expect(
      overlay(existing(), { components: ['missing'], ignoreMissingComponents: true }).components,
    ).toBeUndefined();
  });

  it.each(['/abs/path', 'https://github.com/x/y', 'github.com/x/y', 'git::https://x', 'file:///etc'])(
    'refuses component %s',
    (path) => {
      expect(() => overlay(existing(), { components: [path] })).toThrow(
        `component path '${path}' must be local and relative`,
      );
    },
  );

  it('adds originAnnotations to an existing file with no resources, not to a generated one', () => {
    expect(overlay({ components: ['c'] }, {}).buildMetadata).toEqual(['originAnnotations']);
    expect(overlay({ namespace: '_placeholder' }, {}, true).buildMetadata).toBeUndefined();
    expect(
      overlay({ components: ['c'] }, { buildMetadata: ['transformerAnnotations'] }).buildMetadata,
    ).toEqual(['transformerAnnotations']);
  });
});

describe('isLocalRelativePath', () => {
  it.each<[string, boolean]>([
    ['../components/x', true],
    ['components/x', true],
    ['file://rel', true],
    ['/abs', false],
    ['FILE:///abs', false],
    ['ssh://git@x/y', false],
    ['gh:org/repo', false],
    ['git@github.com:org/repo', false],
  ])('%s', (path, local) => {
    expect(isLocalRelativePath(path)).toBe(local);
  });
});

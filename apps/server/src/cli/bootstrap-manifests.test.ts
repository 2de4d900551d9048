import { describe, expect, it } from 'vitest';
import {
  isManifestFile,
  kustomizationManifest,
  kustomizationPath,
  safeRelativePath,
  samePath,
  syncManifest,
  syncManifestPath,
} from './bootstrap-manifests.js';
import { fluxGotkSync } from '../testing/gotk-sync-golden.js';

describe('bootstrap sync manifests, as flux generates them', () => {
  it('gotk-sync.yaml: warning, GitRepository, Kustomization (flux sync.Generate)', () => {
    expect(
      syncManifest({
        name: 'flux-system',
        namespace: 'flux-system',
        url: 'ssh://git@example.com/fleet.git',
        branch: 'prod',
        secretName: 'flux-system',
        intervalMs: 90_000,
        targetPath: 'clusters/my-cluster',
      }),
    ).toBe(
      fluxGotkSync({
        interval: '1m30s',
        branch: 'prod',
        url: 'ssh://git@example.com/fleet.git',
        path: 'clusters/my-cluster',
      }),
    );
  });

  it('kustomization.yaml lists the manifests present, sorted', () => {
    expect(kustomizationManifest(['gotk-sync.yaml', 'extra.yaml'])).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- extra.yaml\n- gotk-sync.yaml\n',
    );
  });

  it.each<[string, boolean]>([
    ['gotk-sync.yaml', true],
    ['gotk-components.yml', true],
    ['secret.json', true],
    ['kustomization.yaml', false],
    ['Kustomization', false],
    ['README.md', false],
  ])('isManifestFile(%s) is %s', (name, expected) => {
    expect(isManifestFile(name)).toBe(expected);
  });

  it.each<[string, string]>([
    ['clusters/my-cluster', 'clusters/my-cluster'],
    ['./clusters/my-cluster/', 'clusters/my-cluster'],
    ['/clusters/x', 'clusters/x'],
    ['../../etc', 'etc'],
    ['clusters/../../x', 'x'],
    ['clusters\\win', 'clusters/win'],
    ['', ''],
    ['.', ''],
  ])(
    'safeRelativePath(%j) is %j (flux SafeRelativePath: never outside the repository)',
    (input, expected) => {
      expect(safeRelativePath(input)).toBe(expected);
    },
  );

  it.each<[string, string]>([
    ['clusters/my-cluster', './clusters/my-cluster'],
    ['', './'],
  ])('kustomizationPath(%j) is %j', (input, expected) => {
    expect(kustomizationPath(input)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['clusters/my-cluster', 'flux-system', 'clusters/my-cluster/flux-system/gotk-sync.yaml'],
    ['', 'flux-system', 'flux-system/gotk-sync.yaml'],
  ])('syncManifestPath(%j, %j) is %j', (targetPath, namespace, expected) => {
    expect(syncManifestPath({ targetPath, namespace })).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['clusters/a', './clusters/a', true],
    ['clusters/a', './clusters/a/', true],
    ['./clusters/a', 'clusters/a', true],
    ['', './', true],
    ['clusters/a', './clusters/b', false],
    ['clusters/a', './', false],
  ])('samePath(%j, %j) is %s (flux kustomizationPathDiffers)', (a, b, expected) => {
    expect(samePath(a, b)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { crdManifest } from './crd.js';
import { storageApiVersion } from './kind-definition.js';
import { FLUX_KIND_NAMES, FLUX_KINDS, isFluxKindName, kindDefinition } from './registry.js';

type Crd = {
  spec: {
    conversion: { strategy: string };
    versions: { name: string; served: boolean; storage: boolean; deprecationWarning?: string }[];
  };
};

describe('kind registry', () => {
  it('lists the kinds in flux get all order', () => {
    expect(FLUX_KIND_NAMES).toEqual([
      'OCIRepository',
      'GitRepository',
      'HelmRepository',
      'HelmChart',
      'ImageRepository',
      'ImagePolicy',
      'ImageUpdateAutomation',
      'HelmRelease',
      'Kustomization',
      'Receiver',
      'Provider',
      'Alert',
    ]);
  });

  it('gives every kind distinct CLI words', () => {
    const phrases = FLUX_KINDS.flatMap((k) => [k.cli.noun, k.cli.listNoun, ...k.cli.aliases]);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it.each(FLUX_KINDS.map((k) => [k.kind, k] as const))(
    '%s: serves every version with conversion None and stores the first',
    (_name, def) => {
      const crd = crdManifest(def) as Crd;
      expect(crd.spec.conversion.strategy).toBe('None');
      expect(crd.spec.versions.map((v) => v.name)).toEqual(def.versions.map((v) => v.name));
      expect(crd.spec.versions.filter((v) => v.storage).map((v) => v.name)).toEqual([def.versions[0].name]);
      expect(crd.spec.versions.every((v) => v.served)).toBe(true);
      for (const older of crd.spec.versions.slice(1)) {
        expect(older.deprecationWarning).toBe(
          `${older.name} ${def.kind} is deprecated, upgrade to ${def.versions[0].name}`,
        );
      }
    },
  );

  it('serves the versions Flux 2.x users still write', () => {
    const versions = (kind: string): string[] => kindDefinition(kind)?.versions.map((v) => v.name) ?? [];
    expect(versions('GitRepository')).toEqual(['v1', 'v1beta2']);
    expect(versions('Kustomization')).toEqual(['v1', 'v1beta2']);
    expect(versions('HelmRelease')).toEqual(['v2', 'v2beta2']);
    expect(storageApiVersion(kindDefinition('Kustomization')!)).toBe('kustomize.toolkit.fluxcd.io/v1');
    for (const kind of ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation']) {
      expect(versions(kind)).toEqual(['v1', 'v1beta2']);
      expect(storageApiVersion(kindDefinition(kind)!)).toBe('image.toolkit.fluxcd.io/v1');
    }
  });

  it('knows registered kinds only', () => {
    expect(isFluxKindName('HelmChart')).toBe(true);
    expect(isFluxKindName('Deployment')).toBe(false);
    expect(isFluxKindName('toString')).toBe(false);
    expect(kindDefinition('constructor')).toBeUndefined();
  });
});

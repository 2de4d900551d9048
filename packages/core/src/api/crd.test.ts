import { describe, expect, it } from 'vitest';
import { fluxCrds } from './index.js';
import { toStructural } from './crd.js';

function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}

describe('CRD generation', () => {
  it('keeps only structural keywords and opens free-form objects', () => {
    expect(
      toStructural({
        $schema: 'x',
        type: 'object',
        propertyNames: { type: 'string' },
        additionalProperties: { type: 'string' },
      }),
    ).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(toStructural({ type: 'object', additionalProperties: {} })).toEqual({
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    });
    expect(toStructural({ type: 'object', additionalProperties: false })).toEqual({
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    });
  });

  it('produces Flux names, short names and printer columns', () => {
    type Crd = {
      metadata: { name: string };
      spec: {
        names: { kind: string; shortNames: string[] };
        versions: { additionalPrinterColumns: { name: string }[] }[];
      };
    };
    const crds = fluxCrds() as Crd[];
    const byKind = (kind: string): Crd | undefined => crds.find((c) => c.spec.names.kind === kind);
    const git = byKind('GitRepository');
    const ks = byKind('Kustomization');
    expect(byKind('HelmRepository')?.spec.names.shortNames).toEqual(['helmrepo']);
    expect(git?.metadata.name).toBe('gitrepositories.source.toolkit.fluxcd.io');
    expect(git?.spec.names.shortNames).toEqual(['gitrepo']);
    expect(git?.spec.versions[0]?.additionalPrinterColumns.map((c) => c.name)).toEqual([
      'URL',
      'Age',
      'Ready',
      'Status',
      'Revision',
    ]);
    expect(ks?.spec.names.shortNames).toEqual(['ks']);
    const oci = byKind('OCIRepository');
    expect(oci?.metadata.name).toBe('ocirepositories.source.toolkit.fluxcd.io');
    expect(oci?.spec.names.shortNames).toEqual(['ocirepo']);
    expect(oci?.spec.versions[0]?.additionalPrinterColumns.map((c) => c.name)).toEqual([
      'URL',
      'Ready',
      'Status',
      'Age',
    ]);
    const hc = byKind('HelmChart');
    expect(hc?.metadata.name).toBe('helmcharts.source.toolkit.fluxcd.io');
    expect(hc?.spec.names.shortNames).toEqual(['hc']);
    expect(hc?.spec.versions[0]?.additionalPrinterColumns.map((c) => c.name)).toEqual([
      'Chart',
      'Version',
      'Source Kind',
      'Source Name',
      'Age',
      'Ready',
      'Status',
    ]);
    expect(keysDeep(fluxCrds()).has('propertyNames')).toBe(false);
    expect(keysDeep(fluxCrds()).has('$schema')).toBe(false);
  });
});

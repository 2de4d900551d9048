import { describe, expect, it } from 'vitest';
import { crdManifest } from './crd.js';
import { HelmReleaseKind, helmReleaseRevision } from './helmrelease-v2.js';
import type { FluxObjectView } from './kind-definition.js';

const world = { list: () => [] };

function hr(spec: Record<string, unknown>, status: Record<string, unknown> = {}): FluxObjectView {
  return { kind: 'HelmRelease', metadata: { name: 'podinfo', namespace: 'apps' }, spec, status };
}

const chart = { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'charts' } } };

describe('HelmRelease registry entry', () => {
  it('has the CRD Flux ships: hr, fluxcd-appliers, v2 stored and v2beta2 deprecated', () => {
    const crd = crdManifest(HelmReleaseKind) as {
      metadata: { name: string };
      spec: {
        names: { shortNames: string[]; categories: string[] };
        versions: { name: string; storage: boolean; deprecationWarning?: string }[];
      };
    };
    expect(crd.metadata.name).toBe('helmreleases.helm.toolkit.fluxcd.io');
    expect(crd.spec.names.shortNames).toEqual(['hr']);
    expect(crd.spec.names.categories).toContain('fluxcd-appliers');
    expect(crd.spec.versions.map((v) => [v.name, v.storage])).toEqual([
      ['v2', true],
      ['v2beta2', false],
    ]);
    expect(crd.spec.versions[1]?.deprecationWarning).toBe('v2beta2 HelmRelease is deprecated, upgrade to v2');
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'latest snapshot chart version',
      { history: [{ chartVersion: '6.2.2' }], lastAttemptedRevision: '6.2.1' },
      '6.2.2',
    ],
    [
      'no history: last attempted revision',
      { lastAttemptedRevision: '6.2.1+0123456789ab' },
      '6.2.1+0123456789ab',
    ],
    ['nothing yet', {}, ''],
  ])('REVISION: %s', (_name, status, revision) => {
    expect(helmReleaseRevision(hr({ chart }, status))).toBe(revision);
  });

  it('joins the generated HelmChart (in the source namespace) to the release', () => {
    const edges = HelmReleaseKind.edges(
      hr({
        chart: { spec: { ...chart.spec, sourceRef: { ...chart.spec.sourceRef, namespace: 'flux-system' } } },
      }),
      world,
    );
    expect(edges).toEqual([
      {
        from: { kind: 'HelmChart', namespace: 'flux-system', name: 'apps-podinfo' },
        to: { kind: 'HelmRelease', namespace: 'apps', name: 'podinfo' },
        type: 'source',
      },
    ]);
    const recorded = HelmReleaseKind.edges(hr({ chart }, { helmChart: 'other/apps-podinfo' }), world);
    expect(recorded[0]?.from).toEqual({ kind: 'HelmChart', namespace: 'other', name: 'apps-podinfo' });
  });

  it('joins chartRef, dependsOn and Flux objects of the inventory', () => {
    const edges = HelmReleaseKind.edges(
      hr(
        {
          chartRef: { kind: 'OCIRepository', name: 'podinfo' },
          dependsOn: [{ name: 'infra', namespace: 'x' }],
        },
        { inventory: { entries: [{ id: 'apps_sub_kustomize.toolkit.fluxcd.io_Kustomization', v: 'v1' }] } },
      ),
      world,
    );
    expect(
      edges.map((e) => [
        e.type,
        `${e.from.kind}/${e.from.namespace}/${e.from.name}`,
        `${e.to.kind}/${e.to.name}`,
      ]),
    ).toEqual([
      ['source', 'OCIRepository/apps/podinfo', 'HelmRelease/podinfo'],
      ['dependsOn', 'HelmRelease/x/infra', 'HelmRelease/podinfo'],
      ['inventory', 'HelmRelease/apps/podinfo', 'Kustomization/sub'],
    ]);
  });

  it('shows chart, version, release, values digest and last action, never values', () => {
    const facts = HelmReleaseKind.display.facts?.(
      hr(
        { chart, targetNamespace: 'web', values: { password: 'hunter2' } },
        {
          history: [
            {
              chartName: 'podinfo',
              chartVersion: '6.2.2',
              name: 'web-podinfo',
              namespace: 'web',
              version: 1,
              status: 'deployed',
              action: 'install',
            },
          ],
          lastAttemptedConfigDigest: 'sha256:abc',
          lastAttemptedReleaseAction: 'install',
          helmChart: 'apps/apps-podinfo',
        },
      ),
    );
    expect(facts?.map((f) => [f.label, f.value])).toEqual([
      ['Chart', 'podinfo'],
      ['Chart version', '6.2.2'],
      ['Release', 'web/web-podinfo'],
      ['Values digest', 'sha256:abc'],
      ['Last action', 'install'],
      ['Revision 1', 'deployed · podinfo@6.2.2 · install'],
      ['Chart source', 'apps-podinfo'],
    ]);
    expect(JSON.stringify(facts)).not.toContain('hunter2');
  });

  it('prints as flux get helmreleases does', () => {
    const obj = hr({ chart, suspend: false }, { history: [{ chartVersion: '6.3.5' }] });
    expect(HelmReleaseKind.cli.columns.map((c) => c.cell(obj))).toEqual(['6.3.5', 'False']);
    expect(HelmReleaseKind.cli.successLine(obj)).toBe('applied revision 6.3.5');
  });
});

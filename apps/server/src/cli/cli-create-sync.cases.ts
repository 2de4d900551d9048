import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fx, sha, work } from '../testing/cli-suite.js';

/** Registers the CLI integration cases of `create kustomization` and `create helmrelease`. */
export function createSyncCases(): void {
  it('create kustomization and helmrelease print flux’s YAML with --export, and apply and wait', async () => {
    const ks = await fx.cli(
      'create',
      'ks',
      'cli-ks',
      '--source',
      'GitRepository/repo',
      '--path',
      './',
      '--prune',
      '--interval',
      '10m',
      '--target-namespace',
      'kube-public',
      '--depends-on',
      'infra',
      '--export',
    );
    expect([ks.code, ks.stdout]).toEqual([
      0,
      [
        '---',
        'apiVersion: kustomize.toolkit.fluxcd.io/v1',
        'kind: Kustomization',
        'metadata:',
        '  name: cli-ks',
        '  namespace: flux-system',
        'spec:',
        '  dependsOn:',
        '  - name: infra',
        '  interval: 10m0s',
        '  path: ./',
        '  prune: true',
        '  sourceRef:',
        '    kind: GitRepository',
        '    name: repo',
        '  targetNamespace: kube-public',
        '',
      ].join('\n'),
    ]);
    const values = join(work, 'values.yaml');
    writeFileSync(values, 'replicaCount: 2\n');
    const hr = await fx.cli(
      'create',
      'hr',
      'podinfo',
      '--source',
      'HelmRepository/charts.tree',
      '--chart',
      'podinfo',
      '--chart-version',
      '>=6.0.0',
      '--values',
      values,
      '--crds',
      'CreateReplace',
      '--export',
    );
    expect([hr.code, hr.stdout]).toEqual([
      0,
      [
        '---',
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'metadata:',
        '  name: podinfo',
        '  namespace: flux-system',
        'spec:',
        '  chart:',
        '    spec:',
        '      chart: podinfo',
        '      sourceRef:',
        '        kind: HelmRepository',
        '        name: charts',
        '        namespace: tree',
        "      version: '>=6.0.0'",
        '  install:',
        '    crds: CreateReplace',
        '  interval: 1m0s',
        '  upgrade:',
        '    crds: CreateReplace',
        '  values:',
        '    replicaCount: 2',
        '',
      ].join('\n'),
    ]);
    const wrongPath = await fx.cli('create', 'ks', 'xy', '--source', 'repo', '--path', 'apps');
    expect([wrongPath.code, wrongPath.stderr.split('\n')[0]]).toEqual([2, '✗ path must begin with ./']);

    const created = await fx.cli(
      'create',
      'kustomization',
      'cli-ks',
      '--source',
      'repo',
      '--target-namespace',
      'kube-public',
      '--prune',
    );
    expect(created.stderr).toBe(
      [
        '✚ generating Kustomization',
        '► applying Kustomization',
        '✔ Kustomization created',
        '◎ waiting for Kustomization reconciliation',
        '✔ Kustomization cli-ks is ready',
        `✔ applied revision main@sha1:${sha}`,
        '',
      ].join('\n'),
    );
    expect(created.code).toBe(0);
    const applied = await fx.resources.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'kube-public',
      name: 'cli-demo',
    });
    expect(applied?.metadata.labels?.['kustomize.toolkit.fluxcd.io/name']).toBe('cli-ks');
    expect((await fx.cli('delete', 'ks', 'cli-ks', '--silent')).code).toBe(0);
  });
}

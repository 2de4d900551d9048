import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CHART_FIXTURES_DIR, DEMO_CHARTS, publishCharts, waitFor } from '@tideline/sandbox';
import { treeRepository } from '../testing/cli-tree-repository.js';
import { fx, pushFiles, work } from '../testing/cli-suite.js';

/** Registers the CLI integration cases of `diff kustomization`, `tree` and `trace`. */
export function diffTreeTraceCases(): void {
  it('diff kustomization builds a local directory and prints flux’s lines, Secrets masked', async () => {
    const dir = mkdtempSync(join(work, 'diff-'));
    const cm = (value: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cli-demo\n  namespace: default\ndata:\n  a: ${value}\n`;
    writeFileSync(join(dir, 'cm.yaml'), cm('b'));
    const same = await fx.cli('diff', 'kustomization', 'apps', '--path', dir);
    expect([same.code, same.stdout, same.stderr]).toEqual([0, '', '✔ Kustomization diffing...\n']);

    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'cli-secret', namespace: 'default' },
        stringData: { password: 'hunter1', user: 'admin' },
      } as never,
      { fieldManager: 'test' },
    );
    writeFileSync(join(dir, 'cm.yaml'), cm('c'));
    writeFileSync(
      join(dir, 'secret.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cli-secret\n  namespace: default\nstringData:\n  password: hunter2\n  user: admin\n',
    );
    writeFileSync(
      join(dir, 'new.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cli-new\n  namespace: default\n',
    );
    const changed = await fx.cli('diff', 'ks', 'apps', '--path', dir);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toBe(
      [
        '► ConfigMap/default/cli-demo drifted',
        '--- live',
        '+++ merged',
        '@@ -1,6 +1,6 @@',
        ' apiVersion: v1',
        ' data:',
        '-  a: b',
        '+  a: c',
        ' kind: ConfigMap',
        ' metadata:',
        '   labels:',
        '► ConfigMap/default/cli-new created',
        '► Secret/default/cli-secret drifted',
        '--- live',
        '+++ merged',
        '@@ -1,9 +1,12 @@',
        ' apiVersion: v1',
        ' data:',
        '-  password: "*** (before)"',
        '+  password: "*** (after)"',
        '   user: "***"',
        ' kind: Secret',
        ' metadata:',
        '+  labels:',
        '+    kustomize.toolkit.fluxcd.io/name: apps',
        '+    kustomize.toolkit.fluxcd.io/namespace: flux-system',
        '   name: cli-secret',
        '   namespace: default',
        ' type: Opaque',
        '',
      ].join('\n'),
    );
    expect(changed.stdout + changed.stderr).not.toMatch(/hunter|aHVudGVy/);

    rmSync(join(dir, 'cm.yaml'));
    const pruned = await fx.cli('diff', 'ks', 'apps', '--path', dir);
    expect(pruned.stdout).toContain('► ConfigMap/default/cli-demo deleted\n');
    expect(pruned.code).toBe(1);

    const missing = await fx.cli('diff', 'ks', 'apps', '--path', join(dir, 'nope'));
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([
      2,
      `✗ invalid resource path "${join(dir, 'nope')}"`,
    ]);
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n  namespace: default\n',
    );
    const refused = await fx.cli('diff', 'ks', 'apps', '--path', dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^✗ ConfigMap\/default\/Not_Valid dry-run failed: /);
  });

  it('tree and trace follow the inventory, nested Kustomizations and Helm’s storage', async () => {
    const chartUrl = fx.sandbox.chartRepoUrl;
    await publishCharts({
      root: join(fx.sandbox.dir, 'charts'),
      chartDirs: DEMO_CHARTS.map((c) => join(CHART_FIXTURES_DIR, c)),
      url: chartUrl,
      helmBin: fx.helmBin,
    });
    const treeUrl = await fx.sandbox.createGitRepository('tree');
    const treeSha = await pushFiles(treeUrl, treeRepository(chartUrl));
    for (const obj of treeRepository.roots(treeUrl)) await fx.resources.apply(obj, { fieldManager: 'test' });
    await waitFor(
      async () =>
        (await fx.cli('get', 'hr', 'podinfo', '-n', 'tree', '--no-header')).stdout.includes('\tTrue'),
      {
        timeoutMs: 90_000,
        what: 'HelmRelease podinfo Ready',
      },
    );
    await waitFor(
      async () =>
        (await fx.cli('get', 'ks', 'tree-child', '-n', 'tree', '--no-header')).stdout.includes('\tTrue'),
      {
        timeoutMs: 30_000,
        what: 'Kustomization tree-child Ready',
      },
    );
    const tree = await fx.cli('tree', 'ks', 'tree', '-n', 'tree');
    expect([tree.code, tree.stderr]).toEqual([0, '']);
    expect(tree.stdout).toBe(
      [
        'Kustomization/tree/tree',
        '├── HelmRelease/tree/podinfo',
        '│   ├── Service/tree/podinfo',
        '│   └── Deployment/tree/podinfo',
        '├── Kustomization/tree/tree-child',
        '│   └── ConfigMap/default/tree-cm',
        '└── HelmRepository/tree/charts',
        '',
        '',
      ].join('\n'),
    );
    const compact = await fx.cli('tree', 'kustomization', 'tree', '-n', 'tree', '--compact');
    expect(compact.stdout).toBe(
      [
        'Kustomization/tree/tree',
        '├── HelmRelease/tree/podinfo',
        '├── Kustomization/tree/tree-child',
        '└── HelmRepository/tree/charts',
        '',
        '',
      ].join('\n'),
    );
    // The release's values (a secret-looking one is set) never reach the output.
    expect(JSON.stringify(await fx.cli('tree', 'ks', 'tree', '-n', 'tree', '-o', 'json'))).not.toContain(
      'hunter2',
    );

    const traced = await fx.cli('trace', 'configmap', 'tree-cm', '-n', 'default');
    expect([traced.code, traced.stderr]).toEqual([0, '']);
    const at = (s: string) => s.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC/g, '<time>');
    expect(at(traced.stdout)).toBe(
      [
        '',
        'Object:          ConfigMap/tree-cm',
        'Namespace:       default',
        'Status:          Managed by Flux',
        '---',
        'Kustomization:   tree-child',
        'Namespace:       tree',
        'Path:            ./child',
        `Revision:        main@sha1:${treeSha}`,
        'Status:          Last reconciled at <time>',
        `Message:         Applied revision: main@sha1:${treeSha}`,
        '---',
        'GitRepository:   tree',
        'Namespace:       tree',
        `URL:             ${treeUrl}`,
        'Branch:          main',
        `Revision:        main@sha1:${treeSha}`,
        'Status:          Last reconciled at <time>',
        `Message:         stored artifact for revision 'main@sha1:${treeSha}'`,
        '',
      ].join('\n'),
    );
    // A Pod is traced through its owners (ReplicaSet → Deployment) to the HelmRelease.
    const pods = await fx.resources.list('v1', 'Pod', { namespace: 'tree' });
    const pod = pods.items.find((p) => p.metadata.name.startsWith('podinfo-'));
    const helm = await fx.cli('trace', `pod/${pod?.metadata.name ?? 'missing'}`, '-n', 'tree');
    expect(helm.stderr).toBe('');
    expect(at(helm.stdout).replaceAll(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')).toBe(
      [
        '',
        `Object:         Pod/${pod?.metadata.name ?? ''}`,
        'Namespace:      tree',
        'Status:         Managed by Flux',
        '---',
        'HelmRelease:    podinfo',
        'Namespace:      tree',
        'Revision:       6.2.1',
        'Status:         Last reconciled at <time>',
        'Message:        Helm install succeeded for release tree/podinfo.v1 with chart podinfo@6.2.1',
        '---',
        'HelmChart:      tree-podinfo',
        'Namespace:      tree',
        'Chart:          podinfo',
        'Version:        6.2.1',
        'Revision:       6.2.1',
        'Status:         Last reconciled at <time>',
        "Message:        pulled 'podinfo' chart with version '6.2.1'",
        '---',
        'HelmRepository: charts',
        'Namespace:      tree',
        `URL:            ${chartUrl}`,
        'Revision:       sha256:<digest>',
        'Status:         Last reconciled at <time>',
        "Message:        stored artifact for revision 'sha256:<digest>'",
        '',
      ].join('\n'),
    );
    const unmanaged = await fx.cli('trace', 'namespace', 'default');
    expect([unmanaged.code, unmanaged.stderr]).toEqual([
      1,
      '✗ failed to trace Namespace/default: object not managed by Flux\n',
    ]);
    const unknown = await fx.cli('trace', 'widgets', 'x');
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([
      2,
      '✗ the server doesn\'t have a resource type "widgets"',
    ]);
  });
}

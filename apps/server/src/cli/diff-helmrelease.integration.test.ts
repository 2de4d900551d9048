import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_FIXTURES_DIR, DEMO_CHARTS, publishCharts, waitFor } from '@tideline/sandbox';
import { join } from 'node:path';
import { startCliFixture, type CliFixture } from '../testing/cli-fixture.js';

// `tideline diff helmrelease` against the sandbox: the engine installs podinfo; the CLI renders
// it with its own helm and post-render server and prints diff kustomization's shapes.

let fx: CliFixture;
const NS = 'hrdiff';
const SECRET = 'cli-hunter2-s3cr3t';
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'podinfo' };
const release = (replicaCount: number) => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'podinfo', namespace: NS },
  spec: {
    interval: '10m',
    suspend: replicaCount !== 1,
    chart: {
      spec: { chart: 'podinfo', version: '6.2.1', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
    },
    valuesFrom: [{ kind: 'Secret', name: 'podinfo-values' }],
    values: { replicaCount },
  },
});

beforeAll(async () => {
  fx = await startCliFixture();
  await publishCharts({
    root: join(fx.sandbox.dir, 'charts'),
    chartDirs: DEMO_CHARTS.map((c) => join(CHART_FIXTURES_DIR, c)),
    url: fx.sandbox.chartRepoUrl,
    helmBin: fx.helmBin,
  });
  const apply = (obj: Parameters<CliFixture['resources']['apply']>[0]) =>
    fx.resources.apply(obj, { fieldManager: 'test' });
  await apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'podinfo-values', namespace: NS },
    stringData: { 'values.yaml': `podAnnotations:\n  password: ${SECRET}\n` },
  } as Parameters<CliFixture['resources']['apply']>[0]);
  await apply({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: { name: 'charts', namespace: NS },
    spec: { interval: '10m', url: fx.sandbox.chartRepoUrl },
  } as Parameters<CliFixture['resources']['apply']>[0]);
  await apply(release(1) as Parameters<CliFixture['resources']['apply']>[0]);
  await waitFor(
    async () => (await fx.cli('get', 'hr', 'podinfo', '-n', NS, '--no-header')).stdout.includes('\tTrue'),
    { timeoutMs: 120_000, what: 'HelmRelease podinfo Ready' },
  );
}, 180_000);

afterAll(async () => {
  await fx?.stop();
});

describe('tideline diff helmrelease', () => {
  it('exits 0 in sync, 1 with the upgrade and drift in diff shapes, 2 when it cannot diff', async () => {
    const same = await fx.cli('diff', 'helmrelease', 'podinfo', '-n', NS);
    expect([same.code, same.stdout, same.stderr]).toEqual([0, '', '✔ HelmRelease diffing...\n']);

    await fx.resources.mergePatch(deployment, { spec: { replicas: 3 } }, 'kubectl-edit');
    await fx.resources.apply(release(2) as Parameters<CliFixture['resources']['apply']>[0], {
      fieldManager: 'test',
    });
    const changed = await fx.cli('diff', 'hr', 'podinfo', '-n', NS);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toBe(
      [
        `► Deployment/${NS}/podinfo upgraded`,
        '--- stored',
        '+++ rendered',
        ' spec.replicas',
        '-  1',
        '+  2',
        `► Deployment/${NS}/podinfo drifted`,
        '--- live',
        '+++ merged',
        ' spec.replicas',
        '-  3',
        '+  2',
        '',
      ].join('\n'),
    );
    expect(changed.stdout + changed.stderr).not.toContain(SECRET);

    const missing = await fx.cli('diff', 'hr', 'absent', '-n', NS);
    expect([missing.code, missing.stderr]).toEqual([2, `✗ HelmRelease ${NS}/absent not found\n`]);
  });
});

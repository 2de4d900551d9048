import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { publishCharts } from '../../testing/sandbox.js';
import {
  applySource,
  CHART_FIXTURES,
  condition,
  eventsFor,
  helmOn,
  helmShow,
  pinnedHelm,
  sourceRef,
  type HelmChartObject,
} from '../../testing/helm-chart-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
let sha = '';

const chartRef = (name: string): ReturnType<typeof sourceRef> => sourceRef('HelmChart', name);
const applyChart = (name: string, spec: Record<string, unknown>): Promise<void> =>
  applySource(fx, 'HelmChart', name, {
    chart: 'charts/podinfo',
    interval: '10m',
    sourceRef: { kind: 'GitRepository', name: 'repo' },
    ...spec,
  });
const waitSettled = (
  name: string,
  status: 'True' | 'False',
  extra: (o: HelmChartObject) => boolean = () => true,
): Promise<HelmChartObject> =>
  waitForObject<HelmChartObject>(
    fx.resources,
    chartRef(name),
    (o) => ready(o)?.status === status && o.status?.observedGeneration === o.metadata.generation && extra(o),
  );

/** A chart folder's files as `<prefix>/<path>` → content, for one commit. */
async function chartFiles(dir: string, prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[`${prefix}/${relative(dir, full)}`] = await readFile(full, 'utf8');
  }
  return out;
}

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('charts'));
  const chartDirs = ['podinfo-6.2.1', 'podinfo-6.2.2'].map((c) => join(CHART_FIXTURES, c));
  await publishCharts({
    root: join(fx.sandbox.dir, 'charts'),
    chartDirs,
    url: fx.sandbox.chartRepoUrl,
    helmBin: pinnedHelm(),
  });
  sha = await repo.commit({
    ...(await chartFiles(join(CHART_FIXTURES, 'podinfo-6.2.2'), 'charts/podinfo')),
    'env/prod.yaml': 'replicaCount: 3\nui:\n  message: from git\n',
    // An umbrella chart whose dependencies are not vendored: one from the source, one from a chart repository.
    'charts/umbrella/Chart.yaml': [
      'apiVersion: v2',
      'name: umbrella',
      'version: 0.1.0',
      'dependencies:',
      '  - name: podinfo',
      '    version: 6.2.x',
      '    repository: file://../podinfo',
      '  - name: podinfo',
      '    alias: remote',
      '    version: 6.2.1',
      `    repository: ${fx.sandbox.chartRepoUrl}`,
      '',
    ].join('\n'),
    'charts/umbrella/values.yaml': 'remote:\n  replicaCount: 2\n',
  });
  await applySource(fx, 'GitRepository', 'repo', {
    url: repo.remoteUrl,
    interval: '10m',
    ref: { branch: 'main' },
  });
  await waitForObject(fx.resources, sourceRef('GitRepository', 'repo'), (o) => ready(o)?.status === 'True');
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('HelmChart from a GitRepository', () => {
  it('packages the chart folder with its own version', async () => {
    await applyChart('plain', {});
    const obj = await waitSettled('plain', 'True');
    expect(ready(obj)).toMatchObject({
      reason: 'ChartPackageSucceeded',
      message: "packaged 'podinfo' chart with version '6.2.2'",
    });
    expect(obj.status).toMatchObject({
      observedChartName: 'podinfo',
      observedSourceArtifactRevision: `main@sha1:${sha}`,
    });
    expect(obj.status?.artifact).toMatchObject({
      revision: '6.2.2',
      path: 'helmchart/default/plain/podinfo-6.2.2.tgz',
    });
    expect(parse(await helmShow(obj.status?.artifact?.url ?? '', 'chart'))).toMatchObject({
      name: 'podinfo',
      version: '6.2.2',
    });
  });

  it('stamps the commit as build metadata with reconcileStrategy Revision, and follows new commits', async () => {
    await applyChart('revision', { reconcileStrategy: 'Revision' });
    const first = await waitSettled('revision', 'True');
    expect(first.status?.artifact?.revision).toBe(`6.2.2+${sha.slice(0, 12)}`);
    expect(parse(await helmShow(first.status?.artifact?.url ?? '', 'chart'))).toMatchObject({
      version: `6.2.2+${sha.slice(0, 12)}`,
    });
    const next = await repo.commit({ 'README.md': 'a new commit\n' });
    await fx.resources.mergePatch(sourceRef('GitRepository', 'repo'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': next } },
    });
    const second = await waitSettled(
      'revision',
      'True',
      (o) => o.status?.artifact?.revision === `6.2.2+${next.slice(0, 12)}`,
    );
    expect(second.status?.observedSourceArtifactRevision).toBe(`main@sha1:${next}`);
    sha = next;
  });

  it('merges values files from anywhere in the source, in order', async () => {
    await applyChart('values', {
      reconcileStrategy: 'Revision',
      valuesFiles: ['charts/podinfo/values.yaml', 'env/prod.yaml'],
    });
    const obj = await waitSettled('values', 'True');
    const version = `6.2.2+${sha.slice(0, 12)}.1`;
    expect(ready(obj)).toMatchObject({
      reason: 'ChartPackageSucceeded',
      message: `packaged 'podinfo' chart with version '${version}' and merged values files [charts/podinfo/values.yaml env/prod.yaml]`,
    });
    const values = parse(await helmShow(obj.status?.artifact?.url ?? '', 'values')) as {
      replicaCount: number;
      ui: { message: string; color: string };
    };
    expect(values.replicaCount).toBe(3);
    expect(values.ui).toMatchObject({ message: 'from git', color: '#34577c' });
    expect(obj.status?.observedValuesFiles).toBeUndefined();
  });

  it('stalls on a missing values file', async () => {
    await applyChart('missing', { valuesFiles: ['env/missing.yaml'] });
    const obj = await waitSettled('missing', 'False');
    const message =
      "values files merge error: no values file found at path '/env/missing.yaml' (reference 'env/missing.yaml')";
    expect(ready(obj)).toMatchObject({ reason: 'ValuesFilesError', message });
    expect(condition(obj, 'BuildFailed')).toMatchObject({
      status: 'True',
      reason: 'ValuesFilesError',
      message,
    });
    expect(condition(obj, 'Stalled')).toMatchObject({ status: 'True', reason: 'ValuesFilesError' });
    expect(obj.status?.artifact).toBeUndefined();
  });

  it('skips missing values files when told to, and reports the ones it merged', async () => {
    await applyChart('ignore-missing', {
      valuesFiles: ['env/missing.yaml', '../../env/prod.yaml'],
      ignoreMissingValuesFiles: true,
    });
    const obj = await waitSettled('ignore-missing', 'True');
    expect(ready(obj)?.message).toBe(
      "packaged 'podinfo' chart with version '6.2.2+1' and merged values files [../../env/prod.yaml]",
    );
    expect(obj.status?.observedValuesFiles).toEqual(['../../env/prod.yaml']);
  });

  it('adds missing dependencies from the source and from their chart repository', async () => {
    await applyChart('umbrella', { chart: 'charts/umbrella' });
    const obj = await waitSettled('umbrella', 'True');
    expect(ready(obj)?.message).toBe("packaged 'umbrella' chart with version '0.1.0'");
    expect(await eventsFor(fx, 'HelmChart', 'umbrella')).toContainEqual(
      expect.objectContaining({ reason: 'ResolvedDependencies', message: 'resolved 2 chart dependencies' }),
    );
    const rendered = await helmOn(obj.status?.artifact?.url ?? '', ['template', 'demo']);
    const deployments = [...rendered.matchAll(/^kind: Deployment\n(?:.*\n)*?  name: (\S+)$/gm)].map(
      (m) => m[1],
    );
    expect(deployments.sort()).toEqual(['demo-podinfo', 'demo-remote']);
    expect(rendered).toContain('helm.sh/chart: podinfo-6.2.2'); // from the source
    expect(rendered).toContain('helm.sh/chart: remote-6.2.1'); // from the chart repository, under its alias
    expect(rendered).toMatch(/replicas: 2\n/); // the umbrella's values reach the aliased subchart
  });

  it('refuses a chart path that is not in the source', async () => {
    await applyChart('nope', { chart: '../../../etc' });
    const obj = await waitSettled('nope', 'False');
    expect(ready(obj)).toMatchObject({
      reason: 'InvalidChartReference',
      message: 'invalid chart reference: stat ../../../etc: no such file or directory',
    });
    expect(condition(obj, 'Stalled')?.status).toBe('True');
  });
});

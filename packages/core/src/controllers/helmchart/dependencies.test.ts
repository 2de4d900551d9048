import { describe, expect, it } from 'vitest';
import { packTarGz } from '../../sources/tar-writer.js';
import { readChartArchive, type ChartLimits, type LoadedChart } from './chart-archive.js';
import {
  addDependency,
  localDependencyPath,
  missingDependencies,
  presentDependencies,
  requiredDependencies,
} from './dependencies.js';
import { buildLocalChart, type LocalBuildInput } from './local-build.js';

const limits: ChartLimits = {
  maxArchiveBytes: 1024 * 1024,
  maxFileBytes: 64 * 1024,
  maxDecompressedBytes: 1024 * 1024,
};
const files = (o: Record<string, string>): Map<string, Buffer> =>
  new Map(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));
const chartYaml = (name: string, version: string, deps = ''): string =>
  `apiVersion: v2\nname: ${name}\nversion: ${version}\n${deps}`;
const archive = (name: string, version: string): Buffer =>
  packTarGz([{ path: `${name}/Chart.yaml`, type: 'file', data: Buffer.from(chartYaml(name, version)) }]);

describe('dependency bookkeeping (Flux DependencyManager)', () => {
  it('reads requirements from the lock file first', () => {
    const chart: LoadedChart = {
      metadata: {},
      files: files({
        'Chart.yaml': chartYaml(
          'app',
          '1.0.0',
          'dependencies:\n  - name: a\n    version: 1.x\n    repository: file://../a\n',
        ),
        'Chart.lock':
          'dependencies:\n  - name: a\n    version: 1.2.0\n    repository: file://../a\n  - name: b\n    version: 2.0.0\n    repository: https://charts.example.com\n    alias: bee\n',
      }),
    };
    expect(requiredDependencies(chart)).toEqual([
      { name: 'a', version: '1.2.0', repository: 'file://../a', alias: undefined },
      { name: 'b', version: '2.0.0', repository: 'https://charts.example.com', alias: 'bee' },
    ]);
  });

  it('counts vendored subcharts, folders and archives, by their metadata names', () => {
    const chart: LoadedChart = {
      metadata: {},
      files: files({ 'charts/x/Chart.yaml': chartYaml('ex', '1.0.0'), 'charts/x/values.yaml': '' }),
    };
    chart.files.set('charts/y-1.0.0.tgz', archive('why', '1.0.0'));
    expect(presentDependencies(chart, limits).sort()).toEqual(['ex', 'why']);
  });

  it.each([
    [[{ name: 'a' }, { name: 'b' }], ['a'], ['b']],
    [
      [
        { name: 'a', alias: 'first' },
        { name: 'a', alias: 'second' },
      ],
      ['first'],
      ['second'],
    ],
    [[{ name: 'a' }], ['zzz'], []], // equal counts: Flux looks no further
  ])('missing of %j with %j present is %j', (required, present, expected) => {
    expect([...missingDependencies(required, present).keys()]).toEqual(expected);
  });

  it.each([
    ['charts/app', { name: 'common', repository: 'file://../common' }, 'charts/common'],
    ['charts/app', { name: 'common' }, 'charts/app/charts/common'],
    ['charts/app', { name: 'x', repository: 'file://../../../../../etc' }, 'etc'],
  ])('local path of %s %j is %s', (chartPath, dep, expected) => {
    expect(localDependencyPath(chartPath, dep)).toBe(expected);
  });

  it('adds a subchart under its alias', () => {
    const chart: LoadedChart = { metadata: {}, files: new Map() };
    addDependency(chart, readChartArchive(archive('lib', '1.0.0'), 'lib.tgz', limits), {
      name: 'lib',
      alias: 'mylib',
    });
    expect(chart.files.get('charts/mylib/Chart.yaml')?.toString()).toContain('name: mylib');
  });
});

describe('chart folders with missing dependencies', () => {
  const source = files({
    'charts/app/Chart.yaml': chartYaml(
      'app',
      '1.0.0',
      'dependencies:\n  - name: common\n    version: ~1.2.0\n    repository: file://../common\n  - name: remote\n    version: 2.x\n    repository: https://charts.example.com/stable\n',
    ),
    'charts/app/values.yaml': '',
    'charts/common/Chart.yaml': chartYaml('common', '1.2.3'),
    'charts/common/templates/_helpers.tpl': '{{- define "x" -}}{{- end -}}',
  });
  const input = (over: Partial<LocalBuildInput> = {}): LocalBuildInput => ({
    source,
    chartPath: 'charts/app',
    valuesFiles: [],
    ignoreMissingValuesFiles: false,
    versionMetadata: '',
    force: false,
    limits,
    remoteDependency: async (dep) => readChartArchive(archive(dep.name, '2.1.0'), 'r.tgz', limits),
    ...over,
  });

  it('adds them from the source and from their repository before packaging', async () => {
    const build = await buildLocalChart(input());
    expect(build.resolvedDependencies).toBe(2);
    const packed = readChartArchive(build.data ?? Buffer.alloc(0), 'app.tgz', limits);
    expect([...packed.files.keys()].sort()).toEqual([
      'Chart.yaml',
      'charts/common/Chart.yaml',
      'charts/common/templates/_helpers.tpl',
      'charts/remote/Chart.yaml',
      'values.yaml',
    ]);
  });

  it.each([
    [
      { 'charts/common/Chart.yaml': chartYaml('common', '1.3.0') },
      "dependency build error: failed to add local dependency 'common': can't get a valid version for constraint '~1.2.0'",
    ],
    [
      { 'charts/common/Chart.yaml': null },
      "dependency build error: failed to add local dependency 'common': no chart found at '/charts/common' (reference 'file://../common')",
    ],
  ])('refuses %j', async (change, message) => {
    const changed = new Map(source);
    for (const [k, v] of Object.entries(change)) {
      if (v === null) changed.delete(k);
      else changed.set(k, Buffer.from(v));
    }
    if (change['charts/common/Chart.yaml'] === null) changed.delete('charts/common/templates/_helpers.tpl');
    await expect(buildLocalChart(input({ source: changed }))).rejects.toThrow(message);
  });

  it('reports a remote dependency that cannot be fetched', async () => {
    const failing = input({
      remoteDependency: async () =>
        Promise.reject(new Error("chart download of version '2.1.0' failed: boom")),
    });
    await expect(buildLocalChart(failing)).rejects.toThrow(
      "dependency build error: failed to add remote dependency 'remote': chart download of version '2.1.0' failed: boom",
    );
  });
});

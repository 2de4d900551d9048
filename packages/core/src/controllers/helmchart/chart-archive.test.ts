import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { padding, tarHeader } from '../../sources/tar-format.js';
import { packTarGz } from '../../sources/tar-writer.js';
import {
  chartFromDirectory,
  packChart,
  readChartArchive,
  validateChartMetadata,
  type ChartLimits,
} from './chart-archive.js';
import { buildLocalChart, type LocalBuildInput } from './local-build.js';

const limits: ChartLimits = {
  maxArchiveBytes: 64 * 1024,
  maxFileBytes: 1024,
  maxDecompressedBytes: 8 * 1024,
};
const buf = (s: string): Buffer => Buffer.from(s);
const tgz = (files: Record<string, string>): Buffer =>
  packTarGz(Object.entries(files).map(([path, data]) => ({ path, type: 'file' as const, data: buf(data) })));
const CHART_YAML = 'apiVersion: v2\nname: app\nversion: 1.2.3\ndescription: kept\n';

describe('readChartArchive (Helm archive loader within caps)', () => {
  it('strips the top folder and reads the metadata', () => {
    const chart = readChartArchive(
      tgz({ 'app/Chart.yaml': CHART_YAML, 'app/templates/a.yaml': 'x: 1' }),
      'app-1.2.3.tgz',
      limits,
    );
    expect(chart.metadata).toEqual({ apiVersion: 'v2', name: 'app', version: '1.2.3' });
    expect([...chart.files.keys()].sort()).toEqual(['Chart.yaml', 'templates/a.yaml']);
  });

  it.each([
    [
      'an archive over the cap',
      Buffer.concat([gzipSync(Buffer.alloc(10)), Buffer.alloc(64 * 1024)]),
      "size of chart 'x.tgz' exceeds '65536' bytes limit",
    ],
    [
      'a file over the per-file cap',
      tgz({ 'app/Chart.yaml': CHART_YAML, 'app/big': 'a'.repeat(2000) }),
      'decompressed chart file "app/big" is larger than the maximum file size 1024',
    ],
    [
      'content that inflates past the total cap',
      gzipSync(
        Buffer.concat([
          tarHeader({ name: 'app/zeros', mode: 0o600, size: 1024 * 1024, type: '0' }),
          Buffer.alloc(1024 * 1024),
        ]),
      ),
      'decompressed chart is larger than the maximum size 8192',
    ],
    [
      'a file outside the chart folder',
      tgz({ 'Chart.yaml': CHART_YAML }),
      'chart illegally contains content outside the base directory: Chart.yaml',
    ],
    [
      'a path escaping the root',
      gzipSync(
        Buffer.concat([
          tarHeader({ name: '../evil', mode: 0o600, size: 1, type: '0' }),
          buf('x'),
          padding(1),
          Buffer.alloc(1024),
        ]),
      ),
      "tar entry '../evil' points outside the archive root",
    ],
    ['no Chart.yaml', tgz({ 'app/values.yaml': 'a: 1' }), "no 'Chart.yaml' found"],
    ['not gzip at all', buf('plain text'), 'failed to read chart archive: incorrect header check'],
  ])('refuses %s', (_what, data, message) => {
    expect(() => readChartArchive(data, 'x.tgz', limits)).toThrow(message);
  });

  it.each([
    [{ name: 'a', version: '1.0.0' }, undefined],
    [{ apiVersion: 'v2', version: '1.0.0' }, 'validation: chart.metadata.name is required'],
    [{ apiVersion: 'v2', name: 'a' }, 'validation: chart.metadata.version is required'],
    [{ apiVersion: 'v2', name: 'a', version: 'one' }, 'validation: chart.metadata.version "one" is invalid'],
  ])('validates %j', (meta, message) => {
    const check = (): unknown => validateChartMetadata({ apiVersion: 'v1', ...meta });
    if (message) expect(check).toThrow(message);
    else expect(check()).toEqual({ name: 'a', version: '1.0.0' });
  });

  it('reads Chart.yaml fields as Go decodes them into chart.Metadata', () => {
    // Found by chart-archive.property.test.ts: a map became the name '[object Object]'.
    const meta = (text: string) =>
      readChartArchive(tgz({ 'app/Chart.yaml': text }), 'x.tgz', limits).metadata;
    expect(() => meta('apiVersion: v2\nname: {a: 1}\nversion: 1.0.0\n')).toThrow(
      "cannot load 'Chart.yaml': cannot unmarshal object into Metadata.name of type string",
    );
    expect(() => meta('- a list\n')).toThrow(
      "cannot load 'Chart.yaml': cannot unmarshal array into chart metadata",
    );
    expect(meta('apiVersion: v2\nname: app\nversion: 1.10\n')).toEqual({
      apiVersion: 'v2',
      name: 'app',
      version: '1.1',
    });
  });

  it('packages with the new version and merged values, deterministically', () => {
    const chart = readChartArchive(
      tgz({ 'app/Chart.yaml': CHART_YAML, 'app/values.yaml': '# comment\nb: 1\n' }),
      'x.tgz',
      limits,
    );
    const packed = packChart(chart, 'app', '1.2.3+7', { b: 2, a: { c: 1 } });
    expect(packed.equals(packChart(chart, 'app', '1.2.3+7', { b: 2, a: { c: 1 } }))).toBe(true);
    const again = readChartArchive(packed, 'y.tgz', limits);
    expect(parse(again.files.get('Chart.yaml')?.toString() ?? '')).toEqual({
      apiVersion: 'v2',
      name: 'app',
      version: '1.2.3+7',
      description: 'kept',
    });
    expect(again.files.get('values.yaml')?.toString()).toBe('a:\n  c: 1\nb: 2\n');
  });
});

describe('local charts (Flux secure directory loader)', () => {
  const source = new Map(
    Object.entries({
      'charts/app/Chart.yaml': CHART_YAML,
      'charts/app/values.yaml': 'a: 1\n',
      'charts/app/.helmignore': '*.md\n',
      'charts/app/README.md': 'docs',
      'charts/app/templates/.keep': '',
      'charts/app/templates/cm.yaml': 'x',
      'packaged/app-1.2.3.tgz': '',
    }).map(([k, v]) => [k, buf(v)]),
  );
  source.set('packaged/app-1.2.3.tgz', tgz({ 'app/Chart.yaml': CHART_YAML }));
  const input = (over: Partial<LocalBuildInput>): LocalBuildInput => ({
    source,
    chartPath: 'charts/app',
    valuesFiles: [],
    ignoreMissingValuesFiles: false,
    versionMetadata: '',
    force: false,
    limits,
    ...over,
  });

  it('applies .helmignore and Helm default ignores', () => {
    expect([...chartFromDirectory(source, 'charts/app', limits).files.keys()].sort()).toEqual([
      '.helmignore',
      'Chart.yaml',
      'templates/cm.yaml',
      'values.yaml',
    ]);
  });

  it('refuses a file over the per-file cap as a package error', async () => {
    const big = new Map(source).set('charts/app/templates/big.yaml', Buffer.alloc(2000));
    await expect(buildLocalChart(input({ source: big }))).rejects.toThrow(
      'chart package error: failed to load files from /charts/app: cannot load file templates/big.yaml as file size (2000) exceeds limit (1024)',
    );
  });

  it('copies a packaged chart as it is when nothing changes it, and packages it otherwise', async () => {
    const copied = await buildLocalChart(input({ chartPath: 'packaged/app-1.2.3.tgz' }));
    expect(copied).toMatchObject({ name: 'app', version: '1.2.3', packaged: false });
    expect(copied.data?.equals(source.get('packaged/app-1.2.3.tgz') ?? Buffer.alloc(0))).toBe(true);
    expect(
      await buildLocalChart(input({ chartPath: 'packaged/app-1.2.3.tgz', versionMetadata: 'abc' })),
    ).toMatchObject({ version: '1.2.3+abc', packaged: true });
  });

  it('reuses the stored chart for the same name and version unless forced', async () => {
    const cached = { name: 'app', version: '1.2.3' };
    expect((await buildLocalChart(input({ cached }))).data).toBeUndefined();
    expect((await buildLocalChart(input({ cached, force: true }))).data).toBeDefined();
  });

  it('says which chart path is missing', async () => {
    await expect(buildLocalChart(input({ chartPath: 'charts/none' }))).rejects.toThrow(
      'invalid chart reference: stat charts/none: no such file or directory',
    );
    const noMeta = new Map([['charts/bare/values.yaml', buf('a: 1')]]);
    await expect(buildLocalChart(input({ source: noMeta, chartPath: 'charts/bare' }))).rejects.toThrow(
      'invalid chart reference: open /charts/bare/Chart.yaml: no such file or directory',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { packTarGz } from '../../sources/tar-writer.js';
import { DEFAULT_CHART_LIMITS, readChartArchive } from './chart-archive.js';
import { indexChartRepository, type ChartRepository } from './chart-repository.js';
import { buildRemoteChart, type RemoteBuildInput } from './remote-build.js';

const archive = packTarGz([
  { path: 'app/Chart.yaml', type: 'file', data: Buffer.from('apiVersion: v2\nname: app\nversion: 1.0.0\n') },
  { path: 'app/values.yaml', type: 'file', data: Buffer.from('a: 1\nb: {c: 1}\n') },
  { path: 'app/prod.yaml', type: 'file', data: Buffer.from('b: {d: 2}\n') },
]);
const entries = { app: [{ name: 'app', version: '1.0.0', urls: ['app-1.0.0.tgz'] }] };
const input = (over: Partial<RemoteBuildInput> = {}): RemoteBuildInput => ({
  chart: 'app',
  version: '*',
  valuesFiles: [],
  ignoreMissingValuesFiles: false,
  versionMetadata: '',
  force: false,
  limits: DEFAULT_CHART_LIMITS,
  ...over,
});
const serve = (data: Buffer): ChartRepository => indexChartRepository(entries, async () => data);

describe('buildRemoteChart (Flux remote builder)', () => {
  it('pulls the archive as it is when nothing changes it', async () => {
    expect(await buildRemoteChart(input(), serve(archive))).toEqual({
      name: 'app',
      version: '1.0.0',
      packaged: false,
      valuesFiles: [],
      data: archive,
    });
  });

  it('merges values and stamps the version when asked, repackaging', async () => {
    const build = await buildRemoteChart(
      input({ valuesFiles: ['values.yaml', 'prod.yaml'], versionMetadata: '4' }),
      serve(archive),
    );
    expect(build).toMatchObject({
      name: 'app',
      version: '1.0.0+4',
      packaged: true,
      valuesFiles: ['values.yaml', 'prod.yaml'],
    });
    const packed = readChartArchive(build.data ?? Buffer.alloc(0), 'x.tgz');
    expect(packed.files.get('values.yaml')?.toString()).toBe('a: 1\nb:\n  c: 1\n  d: 2\n');
    expect(packed.metadata.version).toBe('1.0.0+4');
  });

  it('reuses the stored chart without downloading, reporting the observed values files', async () => {
    const never = indexChartRepository(entries, async () => Promise.reject(new Error('must not download')));
    const build = await buildRemoteChart(
      input({
        valuesFiles: ['prod.yaml', 'gone.yaml'],
        versionMetadata: '4',
        cached: { name: 'app', version: '1.0.0+4', valuesFiles: ['prod.yaml'] },
      }),
      never,
    );
    expect(build).toEqual({ name: 'app', version: '1.0.0+4', packaged: true, valuesFiles: ['prod.yaml'] });
  });

  it.each([
    [
      input({ chart: 'App_1' }),
      archive,
      "invalid chart reference: invalid chart name 'App_1': a valid name must be lower case letters and numbers and MAY be separated with dashes (-), slashes (/) or periods (.)",
    ],
    [
      input({ version: '2.x' }),
      archive,
      "invalid chart reference: failed to get chart version for remote reference: no 'app' chart with version matching '2.x' found",
    ],
    [
      input(),
      Buffer.from('not a chart'),
      'chart pull error: failed to load chart metadata from written chart: failed to read chart archive: incorrect header check',
    ],
    [
      input({ valuesFiles: ['prod.yaml'] }),
      Buffer.from('not a chart'),
      'chart package error: failed to load downloaded chart: failed to read chart archive: incorrect header check',
    ],
    [
      input({ valuesFiles: ['missing.yaml'] }),
      archive,
      "values files merge error: failed to merge chart values: no values file found at path 'missing.yaml'",
    ],
  ])('fails as Flux does (%#)', async (given, data, message) => {
    await expect(buildRemoteChart(given, serve(data))).rejects.toThrow(message);
  });

  it('wraps download failures as pull errors', async () => {
    const down = indexChartRepository(entries, async () =>
      Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')),
    );
    await expect(buildRemoteChart(input(), down)).rejects.toThrow(
      'chart pull error: failed to download chart for remote reference: connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('reports a repository that could not list its versions as a pull error, a wrong reference as invalid', async () => {
    const unreachable: ChartRepository = {
      getChartVersion: async () => Promise.reject(new Error('could not get tags for "app": EOF')),
      downloadChart: async () => archive,
    };
    await expect(buildRemoteChart(input(), unreachable)).rejects.toMatchObject({
      kind: { reason: 'ChartPullError' },
      message:
        'chart pull error: failed to get chart version for remote reference: could not get tags for "app": EOF',
    });
    await expect(buildRemoteChart(input({ version: '9.x' }), serve(archive))).rejects.toMatchObject({
      kind: { reason: 'InvalidChartReference' },
    });
  });
});

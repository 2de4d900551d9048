import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createGzip } from 'node:zlib';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK, padding, tarHeader } from '../../sources/tar-format.js';
import { packTarGz } from '../../sources/tar-writer.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { applySource, condition, sourceRef, type HelmChartObject } from '../../testing/helm-chart-fixture.js';

/** A chart archive as `helm package` lays it out. */
function chart(name: string, version: string, extra: Record<string, Buffer> = {}): Buffer {
  const files: Record<string, Buffer> = {
    'Chart.yaml': Buffer.from(`apiVersion: v2\nname: ${name}\nversion: ${version}\n`),
    'values.yaml': Buffer.from('greeting: hello\n'),
    'templates/cm.yaml': Buffer.from(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting }}\n',
    ),
    ...extra,
  };
  return packTarGz(
    Object.entries(files).map(([path, data]) => ({ path: `${name}/${path}`, type: 'file' as const, data })),
  );
}

/** A tiny gzip that inflates to a tar holding one file of `size` zero bytes: a decompression bomb. */
async function bomb(name: string, size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => gzip.on('end', r));
  const meta = Buffer.from(`apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  gzip.write(
    Buffer.concat([
      tarHeader({ name: `${name}/Chart.yaml`, mode: 0o600, size: meta.length, type: '0' }),
      meta,
      padding(meta.length),
    ]),
  );
  gzip.write(tarHeader({ name: `${name}/zeros`, mode: 0o600, size, type: '0' }));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zeros.length) {
    if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end(Buffer.alloc(BLOCK * 2));
  await done;
  return Buffer.concat(chunks);
}

let fx: ClusterFixture;
let server: Server;
let url = '';
const archives = new Map<string, Buffer>();
const BOMB_SIZE = 1024 * 1024 * 1024;

beforeAll(async () => {
  archives.set('small-1.0.0.tgz', chart('small', '1.0.0'));
  archives.set('small-1.1.0.tgz', chart('small', '1.1.0'));
  archives.set('big-1.0.0.tgz', chart('big', '1.0.0', { 'blob.bin': randomBytes(11 * 1024 * 1024) }));
  archives.set(
    'filebomb-1.0.0.tgz',
    chart('filebomb', '1.0.0', { 'big.txt': Buffer.alloc(6 * 1024 * 1024, 'a') }),
  );
  archives.set('bomb-1.0.0.tgz', await bomb('bomb', BOMB_SIZE));
  archives.set('tampered-1.0.0.tgz', chart('tampered', '1.0.0'));
  archives.set('private-1.0.0.tgz', chart('private', '1.0.0'));
  const sha = (file: string): string =>
    createHash('sha256')
      .update(archives.get(file) ?? '')
      .digest('hex');
  const entry = (name: string, version: string, digest = sha(`${name}-${version}.tgz`)) => ({
    name,
    version,
    apiVersion: 'v2',
    urls: [`${name}-${version}.tgz`],
    digest,
    created: '2024-01-01T00:00:00Z',
  });
  const index = stringify({
    apiVersion: 'v1',
    entries: {
      small: [entry('small', '1.0.0'), entry('small', '1.1.0')],
      big: [entry('big', '1.0.0')],
      filebomb: [entry('filebomb', '1.0.0')],
      bomb: [entry('bomb', '1.0.0')],
      tampered: [entry('tampered', '1.0.0', '0'.repeat(64))],
      private: [entry('private', '1.0.0')],
    },
  });
  server = createServer((req, res) => {
    const file = (req.url ?? '/').slice(1);
    if (file === 'index.yaml') return void res.end(index);
    if (file === 'private-1.0.0.tgz') return void res.writeHead(401, 'Unauthorized').end();
    const data = archives.get(file);
    if (!data) return void res.writeHead(404).end();
    res.end(data);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  fx = await startClusterFixture();
  await applySource(fx, 'HelmRepository', 'hostile', { url, interval: '10m' });
  await waitForObject(
    fx.resources,
    sourceRef('HelmRepository', 'hostile'),
    (o) => ready(o)?.status === 'True',
  );
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  server?.closeAllConnections();
  server?.close();
});

const applyChart = (name: string, chartName: string, version = '1.0.0'): Promise<void> =>
  applySource(fx, 'HelmChart', name, {
    chart: chartName,
    version,
    interval: '10m',
    sourceRef: { kind: 'HelmRepository', name: 'hostile' },
  });
const waitFailed = (name: string): Promise<HelmChartObject> =>
  waitForObject<HelmChartObject>(
    fx.resources,
    sourceRef('HelmChart', name),
    (o) => ready(o)?.status === 'False' && condition(o, 'Reconciling')?.reason === 'ProgressingWithRetry',
  );

describe('HelmChart download and unpack limits', () => {
  it('stops downloading an archive over 10 MiB', async () => {
    await applyChart('big', 'big');
    const obj = await waitFailed('big');
    expect(ready(obj)).toMatchObject({
      reason: 'ChartPullError',
      message:
        "chart pull error: failed to download chart for remote reference: size of chart 'big-1.0.0.tgz' exceeds '10485760' bytes limit",
    });
    expect(condition(obj, 'FetchFailed')?.reason).toBe('ChartPullError');
  });

  it('refuses a decompression bomb without inflating it', async () => {
    const compressed = archives.get('bomb-1.0.0.tgz')?.length ?? 0;
    expect(BOMB_SIZE / compressed).toBeGreaterThan(1000);
    const before = process.memoryUsage().rss;
    await applyChart('bomb', 'bomb');
    const obj = await waitFailed('bomb');
    expect(ready(obj)).toMatchObject({
      reason: 'ChartPullError',
      message:
        'chart pull error: failed to load chart metadata from written chart: decompressed chart is larger than the maximum size 104857600',
    });
    // Inflating stops at the cap (100 MiB), far below the bomb's 1 GiB.
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses a chart file over 5 MiB', async () => {
    await applyChart('filebomb', 'filebomb');
    expect(ready(await waitFailed('filebomb'))?.message).toBe(
      'chart pull error: failed to load chart metadata from written chart: decompressed chart file "filebomb/big.txt" is larger than the maximum file size 5242880',
    );
  });

  it('verifies the digest the index gives', async () => {
    await applyChart('tampered', 'tampered');
    expect(ready(await waitFailed('tampered'))?.message).toMatch(
      new RegExp(
        `^chart pull error: failed to download chart for remote reference: chart digest mismatch for ${url}/tampered-1.0.0.tgz: expected sha256:0{64}, got sha256:[0-9a-f]{64}$`,
      ),
    );
  });

  it('reports a refused download as an authentication failure', async () => {
    await applyChart('private', 'private');
    const obj = await waitFailed('private');
    expect(ready(obj)).toMatchObject({
      reason: 'AuthenticationFailed',
      message: `failed to authenticate with the Helm repository: chart pull error: failed to download chart for remote reference: failed to fetch ${url}/private-1.0.0.tgz : 401 Unauthorized`,
    });
  });

  it('keeps the last artifact when the chart host becomes unreachable', async () => {
    await applyChart('kept', 'small', '1.0.0');
    const good = await waitForObject<HelmChartObject>(
      fx.resources,
      sourceRef('HelmChart', 'kept'),
      (o) => ready(o)?.status === 'True',
    );
    expect(good.status?.artifact?.revision).toBe('1.0.0');
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await applyChart('kept', 'small', '1.1.0');
    const obj = await waitFailed('kept');
    expect(ready(obj)?.reason).toBe('ChartPullError');
    expect(ready(obj)?.message).toMatch(
      /^chart pull error: failed to download chart for remote reference: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    expect(obj.status?.artifact).toEqual(good.status?.artifact);
    expect(condition(obj, 'ArtifactInStorage')).toMatchObject({
      status: 'True',
      message: "pulled 'small' chart with version '1.0.0'",
    });
    expect(condition(obj, 'ArtifactOutdated')).toBeUndefined();
    expect((await fetch(good.status?.artifact?.url ?? '')).status).toBe(200);
  });
});

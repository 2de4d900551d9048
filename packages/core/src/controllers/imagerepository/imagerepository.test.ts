import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagsChecksum } from '../../images/tag-list.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { restartEngine } from '../../testing/engine-restart.js';
import {
  applyImageObject,
  imageEvents,
  imageObjectRef,
  pushTags,
  requestImageReconcile,
  type ImageObject,
} from '../../testing/image-fixture.js';

let fx: ClusterFixture;
let host: string;

beforeAll(async () => {
  fx = await startClusterFixture();
  host = fx.sandbox.registryHost;
  await pushTags(host, 'team/app', ['v1.0.0', '2.0.0', 'latest', 'sha256-0123.sig']);
});

afterAll(async () => {
  await fx?.stop();
});

const repoRef = (name: string): ReturnType<typeof imageObjectRef> => imageObjectRef('ImageRepository', name);
const isReady = (o: ImageObject): boolean => ready(o)?.status === 'True';

/** A plain-HTTP front to the registry that can be taken down, as a registry outage. */
function startFront(upstream: string): Promise<{ server: Server; host: string }> {
  const server = createServer((req, res) => {
    const forward = request(
      `http://${upstream}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host: upstream } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, host: `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

describe('ImageRepository against the sandbox registry', () => {
  it('scans: tag count, checksum, latestTags in reverse byte order, .sig excluded, canonical name', async () => {
    await applyImageObject(fx.resources, 'ImageRepository', 'app', {
      image: `${host}/team/app`,
      interval: '1h',
      insecure: true,
    });
    const obj = await waitForObject<ImageObject>(fx.resources, repoRef('app'), isReady);
    const stored = ['v1.0.0', 'latest', '2.0.0'];
    expect(obj.status?.lastScanResult).toMatchObject({
      tagCount: 3,
      revision: tagsChecksum(stored),
      latestTags: stored,
    });
    expect(obj.status?.canonicalImageName).toBe(`${host}/team/app`);
    expect(obj.status?.observedExclusionList).toEqual(['^.*\\.sig$']);
    expect(obj.status?.observedGeneration).toBe(obj.metadata.generation);
    expect(ready(obj)).toMatchObject({
      reason: 'Succeeded',
      message: `successful scan: found 3 tags with checksum ${tagsChecksum(stored)}`,
    });
    const events = await imageEvents(fx.resources, 'ImageRepository', 'app');
    expect(events).toContainEqual({
      type: 'Normal',
      reason: 'Succeeded',
      message: ready(obj)?.message,
      source: 'image-reflector-controller',
    });
  });

  it('rescans on a reconcile request and sees a new tag', async () => {
    await pushTags(host, 'team/app', ['v1.1.0']);
    await requestImageReconcile(fx.resources, 'ImageRepository', 'app', 'now-1');
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      repoRef('app'),
      (o) => o.status?.lastHandledReconcileAt === 'now-1' && isReady(o),
    );
    expect(obj.status?.lastScanResult?.tagCount).toBe(4);
    expect(obj.status?.lastScanResult?.latestTags?.[0]).toBe('v1.1.0');
  });

  it('serves the guide object at v1beta2 unchanged', async () => {
    await applyImageObject(
      fx.resources,
      'ImageRepository',
      'guide',
      { image: `${host}/team/app`, interval: '5m', insecure: true },
      { apiVersion: 'image.toolkit.fluxcd.io/v1beta2' },
    );
    const obj = await waitForObject<ImageObject>(fx.resources, repoRef('guide'), isReady);
    expect(obj.status?.lastScanResult?.tagCount).toBe(4);
  });

  it('stalls on an unparsable image with Flux reason and message', async () => {
    await applyImageObject(fx.resources, 'ImageRepository', 'bad', {
      image: 'ghcr.io/Org/App',
      interval: '1h',
    });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      repoRef('bad'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'ImageURLInvalid',
      message: 'could not parse reference: ghcr.io/Org/App',
    });
    expect(obj.status?.conditions?.find((c) => c.type === 'Stalled')).toMatchObject({
      reason: 'ImageURLInvalid',
    });
    await applyImageObject(fx.resources, 'ImageRepository', 'tagged', {
      image: `${host}/team/app:v1`,
      interval: '1h',
    });
    const tagged = await waitForObject<ImageObject>(
      fx.resources,
      repoRef('tagged'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(tagged)?.message).toBe(`image '${host}/team/app:v1' should not include a tag; remove ':v1'`);
  });

  it('keeps the last scan when the registry goes down, and says why', async () => {
    const front = await startFront(host);
    await applyImageObject(fx.resources, 'ImageRepository', 'outage', {
      image: `${front.host}/team/app`,
      interval: '1h',
      insecure: true,
    });
    const first = await waitForObject<ImageObject>(fx.resources, repoRef('outage'), isReady);
    await new Promise<void>((resolve) => {
      front.server.closeAllConnections();
      front.server.close(() => resolve());
    });
    await requestImageReconcile(fx.resources, 'ImageRepository', 'outage', 'down-1');
    const down = await waitForObject<ImageObject>(
      fx.resources,
      repoRef('outage'),
      (o) => o.status?.lastHandledReconcileAt === 'down-1' && ready(o)?.status === 'False',
    );
    expect(ready(down)?.reason).toBe('ReadOperationFailed');
    expect(ready(down)?.message).toMatch(
      new RegExp(`^scan failed: GET http://${front.host}/v2/team/app/tags/list\\?n=1000: .*ECONNREFUSED`),
    );
    expect(down.status?.lastScanResult).toEqual(first.status?.lastScanResult);
    const warnings = (await imageEvents(fx.resources, 'ImageRepository', 'outage')).filter(
      (e) => e.type === 'Warning',
    );
    expect(warnings[0]?.reason).toBe('ReadOperationFailed');
  });

  it('keeps scanned tags on disk across an engine restart (no rescan until the interval)', async () => {
    const before = await waitForObject<ImageObject>(fx.resources, repoRef('app'), isReady);
    await restartEngine(fx);
    await applyImageObject(fx.resources, 'ImageRepository', 'app', {
      image: `${host}/team/app`,
      interval: '2h',
      insecure: true,
    });
    const after = await waitForObject<ImageObject>(
      fx.resources,
      repoRef('app'),
      (o) => o.status?.observedGeneration === o.metadata.generation && isReady(o),
    );
    expect(after.status?.lastScanResult).toEqual(before.status?.lastScanResult);
    const events = await imageEvents(fx.resources, 'ImageRepository', 'app');
    expect(events.at(-1)?.message).toMatch(
      /^no change in repository configuration since last scan, next scan in 1h59m/,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { applyImageObject, imageObjectRef, type ImageObject } from '../../testing/image-fixture.js';
import { pushManyTags, startPagingFront, type PagingFront } from '../../testing/sandbox.js';
import { tagStoreOf } from './register.js';

const TAGS = Array.from({ length: 10_000 }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`);
let fx: ClusterFixture;
let front: PagingFront;

beforeAll(async () => {
  fx = await startClusterFixture();
  await pushManyTags(fx.sandbox.registryHost, 'big/app', TAGS);
  front = await startPagingFront(fx.sandbox.registryHost, 1000);
}, 300_000);

afterAll(async () => {
  await front?.stop();
  await fx?.stop();
});

describe('ImageRepository with 10,000 tags', () => {
  it('follows every page, stores every tag on disk and keeps only ten in the cluster', async () => {
    const started = Date.now();
    await applyImageObject(fx.resources, 'ImageRepository', 'big', {
      image: `${front.host}/big/app`,
      interval: '1h',
      insecure: true,
    });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      imageObjectRef('ImageRepository', 'big'),
      (o) => ready(o)?.status === 'True',
      120_000,
    );
    const elapsed = Date.now() - started;
    expect(obj.status?.lastScanResult?.tagCount).toBe(10_000);
    expect(obj.status?.lastScanResult?.latestTags).toEqual([
      '1.99.99',
      '1.99.98',
      '1.99.97',
      '1.99.96',
      '1.99.95',
      '1.99.94',
      '1.99.93',
      '1.99.92',
      '1.99.91',
      '1.99.90',
    ]);
    expect(front.pages).toBe(10);
    const stored = await tagStoreOf(`${fx.sandbox.dir}/engine`).read('default', 'big');
    expect(stored?.tags).toHaveLength(10_000);
    expect(JSON.stringify(obj).length).toBeLessThan(4096);
    expect(elapsed).toBeLessThan(30_000);
  }, 180_000);
});

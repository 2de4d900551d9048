import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

import { buildMinimalImage, OCI_MEDIA_TYPES, sha256Digest } from './minimal-image.js';

describe('buildMinimalImage', () => {
  it('builds a manifest whose descriptors match the blobs', () => {
    const image = buildMinimalImage('app:1.0.0');
    const manifest = JSON.parse(image.manifest.data.toString()) as {
      schemaVersion: number;
      mediaType: string;
      config: { mediaType: string; digest: string; size: number };
      layers: { mediaType: string; digest: string; size: number }[];
    };
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.mediaType).toBe(OCI_MEDIA_TYPES.manifest);
    expect(manifest.config).toEqual({
      mediaType: OCI_MEDIA_TYPES.config,
      digest: image.config.digest,
      size: image.config.size,
    });
    expect(manifest.layers).toEqual([
      { mediaType: OCI_MEDIA_TYPES.layer, digest: image.layer.digest, size: image.layer.size },
    ]);
    expect(image.manifest.digest).toBe(sha256Digest(image.manifest.data));
  });

  it('records the uncompressed layer digest as the diff id', () => {
    const image = buildMinimalImage('x');
    const config = JSON.parse(image.config.data.toString()) as { rootfs: { diff_ids: string[] }; os: string };
    expect(config.os).toBe('linux');
    expect(config.rootfs.diff_ids).toEqual([sha256Digest(gunzipSync(image.layer.data))]);
  });

  it('is deterministic per content and distinct across contents', () => {
    expect(buildMinimalImage('a').manifest.digest).toBe(buildMinimalImage('a').manifest.digest);
    expect(buildMinimalImage('a').manifest.digest).not.toBe(buildMinimalImage('b').manifest.digest);
  });
});

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { tarSingleFile } from './tar-file.js';

/** OCI media types used by the minimal image. */
export const OCI_MEDIA_TYPES = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** A blob together with its OCI descriptor fields. */
export interface OciBlob {
  mediaType: string;
  digest: string;
  size: number;
  data: Buffer;
}

/** Everything needed to push one single-layer image. */
export interface MinimalImage {
  config: OciBlob;
  layer: OciBlob;
  /** The manifest bytes exactly as pushed; its digest is `manifest.digest`. */
  manifest: OciBlob;
}

/** `sha256:<hex>` of `data`. */
export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * A valid single-layer linux/amd64 OCI image whose layer holds `/tideline-image.txt` with
 * `content`. Deterministic: equal content gives equal digests, different content different ones.
 */
export function buildMinimalImage(content: string): MinimalImage {
  const tar = tarSingleFile('tideline-image.txt', Buffer.from(content, 'utf8'));
  const layer = blob(OCI_MEDIA_TYPES.layer, gzipSync(tar));
  const configJson = {
    architecture: 'amd64',
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: [sha256Digest(tar)] },
  };
  const config = blob(OCI_MEDIA_TYPES.config, Buffer.from(JSON.stringify(configJson)));
  const manifestJson = {
    schemaVersion: 2,
    mediaType: OCI_MEDIA_TYPES.manifest,
    config: descriptor(config),
    layers: [descriptor(layer)],
  };
  return {
    config,
    layer,
    manifest: blob(OCI_MEDIA_TYPES.manifest, Buffer.from(JSON.stringify(manifestJson))),
  };
}

function blob(mediaType: string, data: Buffer): OciBlob {
  return { mediaType, digest: sha256Digest(data), size: data.length, data };
}

function descriptor(source: OciBlob): { mediaType: string; digest: string; size: number } {
  return { mediaType: source.mediaType, digest: source.digest, size: source.size };
}

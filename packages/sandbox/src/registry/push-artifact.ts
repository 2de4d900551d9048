import { assertRepositoryName, assertTag } from './image-reference.js';
import { sha256Digest, type OciBlob } from './minimal-image.js';
import { uploadBlob } from './push-image.js';
import { registryFetch, type RegistryCredentials } from './registry-http.js';

/** Flux's artifact media types (`flux push artifact`). */
export const FLUX_MEDIA_TYPES = {
  config: 'application/vnd.cncf.flux.config.v1+json',
  content: 'application/vnd.cncf.flux.content.v1.tar+gzip',
} as const;

/** One layer to push: its media type and bytes. */
export interface ArtifactLayer {
  mediaType: string;
  data: Buffer;
}

/** Options for {@link pushOciArtifact}. */
export interface PushArtifactOptions {
  /** `127.0.0.1:PORT`. */
  host: string;
  repository: string;
  tag: string;
  /** The layers, in order; a Flux artifact has one tar.gz layer of {@link FLUX_MEDIA_TYPES.content}. */
  layers: ArtifactLayer[];
  configMediaType?: string;
  /** Manifest annotations; `flux push artifact` sets `org.opencontainers.image.{created,source,revision}`. */
  annotations?: Record<string, string>;
  auth?: RegistryCredentials;
}

/**
 * Pushes an OCI artifact shaped as `flux push artifact` shapes it — an empty JSON config of
 * Flux's config media type, the given layers, the annotations on the manifest — through the
 * registry's HTTP API. Returns the manifest digest.
 */
export async function pushOciArtifact(options: PushArtifactOptions): Promise<{ digest: string }> {
  assertRepositoryName(options.repository);
  assertTag(options.tag);
  const config = blob(options.configMediaType ?? FLUX_MEDIA_TYPES.config, Buffer.from('{}'));
  const layers = options.layers.map((l) => blob(l.mediaType, l.data));
  for (const b of [config, ...layers]) await uploadBlob(options, b);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: descriptor(config),
      layers: layers.map(descriptor),
      ...(options.annotations ? { annotations: options.annotations } : {}),
    }),
  );
  const response = await registryFetch(options.host, `/v2/${options.repository}/manifests/${options.tag}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
    auth: options.auth,
    expect: [201],
  });
  await response.body?.cancel();
  return { digest: sha256Digest(manifest) };
}

function blob(mediaType: string, data: Buffer): OciBlob {
  return { mediaType, digest: sha256Digest(data), size: data.length, data };
}

function descriptor(b: OciBlob): { mediaType: string; digest: string; size: number } {
  return { mediaType: b.mediaType, digest: b.digest, size: b.size };
}

import { assertRepositoryName, assertTag } from './image-reference.js';
import { buildMinimalImage, sha256Digest, type OciBlob } from './minimal-image.js';
import { registryFetch, RegistryRequestError, type RegistryCredentials } from './registry-http.js';

/** Options for {@link pushImageManifest}. */
export interface PushImageOptions {
  /** `127.0.0.1:PORT`. */
  host: string;
  repository: string;
  tag: string;
  auth?: RegistryCredentials;
  /**
   * Text stored in the image's single layer; defaults to `<repository>:<tag>`, so every tag
   * gets its own digest. Pass the same content to make two tags share one.
   */
  content?: string;
}

/**
 * Pushes a minimal valid OCI image over plain HTTP: each blob by POST to `/blobs/uploads/`
 * then PUT `?digest=`, then the manifest by PUT to `/manifests/<tag>`. Returns the manifest digest.
 */
export async function pushImageManifest(options: PushImageOptions): Promise<{ digest: string }> {
  assertRepositoryName(options.repository);
  assertTag(options.tag);
  const image = buildMinimalImage(options.content ?? `${options.repository}:${options.tag}`);
  await uploadBlob(options, image.config);
  await uploadBlob(options, image.layer);
  const response = await registryFetch(options.host, `/v2/${options.repository}/manifests/${options.tag}`, {
    method: 'PUT',
    headers: { 'content-type': image.manifest.mediaType },
    body: image.manifest.data,
    auth: options.auth,
    expect: [201],
  });
  await response.body?.cancel();
  const digest = response.headers.get('docker-content-digest') ?? image.manifest.digest;
  if (digest !== image.manifest.digest) {
    throw new RegistryRequestError(
      `registry stored manifest ${digest}, expected ${image.manifest.digest}`,
      response.status,
      '',
    );
  }
  return { digest };
}

/** Uploads one blob (POST to `/blobs/uploads/`, then PUT `?digest=`), checking its digest first. */
export async function uploadBlob(
  options: Pick<PushImageOptions, 'host' | 'repository' | 'auth'>,
  blob: OciBlob,
): Promise<void> {
  if (sha256Digest(blob.data) !== blob.digest) throw new Error(`blob digest mismatch for ${blob.digest}`);
  const started = await registryFetch(options.host, `/v2/${options.repository}/blobs/uploads/`, {
    method: 'POST',
    auth: options.auth,
    expect: [202],
  });
  await started.body?.cancel();
  const location = started.headers.get('location');
  if (!location) throw new RegistryRequestError('blob upload started without a Location header', 202, '');
  // The Location may be relative or absolute and already carries the upload state in its query.
  const target = new URL(location, `http://${options.host}`);
  target.searchParams.set('digest', blob.digest);
  const finished = await registryFetch(options.host, target.href, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: blob.data,
    auth: options.auth,
    expect: [201],
  });
  await finished.body?.cancel();
}

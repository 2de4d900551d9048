import { manifestReference, parseImageReference } from './image-reference.js';

/** What the image check concluded about one image. */
export type ImageResolution =
  | { kind: 'present'; digest?: string }
  | { kind: 'missing' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'invalid'; message: string };

/** What to do to resolve one image. */
export type ImageCheckStep =
  { kind: 'accept' } | { kind: 'invalid'; message: string } | { kind: 'probe'; url: string };

/** The Accept header of a manifest request: OCI and Docker manifests and indexes. */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
];

/**
 * How to resolve `image` when images on `registryHost` are checked: a manifest URL to probe
 * (`http://` when insecure) for images on that host, `accept` for images elsewhere, `invalid`
 * when the reference cannot be parsed (what a runtime reports as InvalidImageName). Pure.
 */
export function planImageCheck(image: string, registryHost: string, insecure: boolean): ImageCheckStep {
  const parsed = parseImageReference(image);
  if (!parsed.ok) {
    return {
      kind: 'invalid',
      message: `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": ${parsed.error}`,
    };
  }
  const reference = parsed.reference;
  if (reference.registry.toLowerCase() !== registryHost.toLowerCase()) return { kind: 'accept' };
  const scheme = insecure ? 'http' : 'https';
  return {
    kind: 'probe',
    url: `${scheme}://${reference.registry}/v2/${reference.repository}/manifests/${manifestReference(reference)}`,
  };
}

/**
 * Reads a registry's answer to a manifest request: 2xx present (with the registry's digest),
 * 404 missing. 401/403 means "cannot tell": without credentials the image is accepted unverified
 * (a node may hold pull credentials the simulation does not know); with credentials it is a pull
 * error. Anything else is a pull error. Pure.
 */
export function classifyManifestResponse(
  status: number,
  digestHeader: string | null,
  hasCredentials: boolean,
): ImageResolution {
  if (status >= 200 && status < 300) {
    return digestHeader !== null && /^sha256:[0-9a-f]{64}$/.test(digestHeader)
      ? { kind: 'present', digest: digestHeader }
      : { kind: 'present' };
  }
  if (status === 404) return { kind: 'missing' };
  if (status === 401 || status === 403) {
    return hasCredentials
      ? { kind: 'unreachable', message: `unauthorized: registry answered ${status}` }
      : { kind: 'present' };
  }
  return { kind: 'unreachable', message: `registry answered HTTP ${status}` };
}

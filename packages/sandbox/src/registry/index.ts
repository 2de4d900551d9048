/** An OCI registry for the sandbox (CNCF distribution) plus a tiny plain-HTTP client for tests. */
export { startRegistry, type Registry, type RegistryOptions } from './registry.js';
export { pushImageManifest, type PushImageOptions } from './push-image.js';
export {
  pushOciArtifact,
  FLUX_MEDIA_TYPES,
  type PushArtifactOptions,
  type ArtifactLayer,
} from './push-artifact.js';
export { listTags } from './list-tags.js';
export { pushManyTags, startPagingFront, type PagingFront } from './bulk-tags.js';
export { RegistryRequestError, type RegistryCredentials } from './registry-http.js';
export { InvalidImageReferenceError } from './image-reference.js';
export { InvalidRegistryUserError } from './htpasswd.js';
export { buildMinimalImage, OCI_MEDIA_TYPES, type MinimalImage, type OciBlob } from './minimal-image.js';

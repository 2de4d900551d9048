/** A container image reference split into the parts a registry request needs. */
export interface ImageReference {
  /** Registry `host[:port]`; `docker.io` for Docker Hub. */
  registry: string;
  /** Repository path inside the registry; `library/<name>` for Docker Hub official images. */
  repository: string;
  /** Tag; `latest` when the reference names neither a tag nor a digest. */
  tag?: string;
  /** `algorithm:hex` digest, when the reference pins one. */
  digest?: string;
}

/** The result of {@link parseImageReference}: a reference, or why the string is not one. */
export type ImageReferenceParse = { ok: true; reference: ImageReference } | { ok: false; error: string };

/** Docker Hub's canonical registry name. */
export const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const DEFAULT_TAG = 'latest';

// The grammar of github.com/distribution/reference.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;

/**
 * Parses an image reference the way the container runtime does: `registry/repo:tag`,
 * `repo@sha256:…`, `repo:tag@sha256:…`; the first path component is a registry only when it
 * contains `.` or `:` or is `localhost`; the registry defaults to docker.io (official images get
 * `library/`), the tag to `latest`. Pure.
 */
export function parseImageReference(image: string): ImageReferenceParse {
  const fail = (why: string): ImageReferenceParse => ({
    ok: false,
    error: `invalid reference format: ${why}`,
  });
  if (image.length === 0 || image.trim() !== image) return fail('empty or surrounded by whitespace');
  const at = image.indexOf('@');
  const named = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : image.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest)) return fail(`bad digest "${digest}"`);
  const lastColon = named.lastIndexOf(':');
  const hasTag = lastColon > named.lastIndexOf('/');
  const name = hasTag ? named.slice(0, lastColon) : named;
  const tag = hasTag ? named.slice(lastColon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) return fail(`bad tag "${tag}"`);
  const split = splitRegistry(name);
  if (!DOMAIN.test(split.registry)) return fail(`bad registry "${split.registry}"`);
  if (split.repository.length > 255) return fail('repository name longer than 255 characters');
  if (!split.repository.split('/').every((part) => PATH_COMPONENT.test(part))) {
    return fail(`bad repository "${split.repository}" (lowercase letters, digits and separators only)`);
  }
  const reference: ImageReference = { registry: split.registry, repository: split.repository };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  if (tag === undefined && digest === undefined) reference.tag = DEFAULT_TAG;
  return { ok: true, reference };
}

/** What to ask the registry's manifests endpoint for: the digest when pinned, else the tag. Pure. */
export function manifestReference(reference: ImageReference): string {
  return reference.digest ?? reference.tag ?? DEFAULT_TAG;
}

/** The fully qualified form, e.g. `docker.io/library/nginx:latest`. Pure. */
export function formatImageReference(reference: ImageReference): string {
  const tag = reference.tag === undefined ? '' : `:${reference.tag}`;
  const digest = reference.digest === undefined ? '' : `@${reference.digest}`;
  return `${reference.registry}/${reference.repository}${tag}${digest}`;
}

function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isRegistry =
    slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let registry = isRegistry ? first : DEFAULT_REGISTRY;
  let repository = isRegistry ? name.slice(slash + 1) : name;
  if (registry === LEGACY_DEFAULT_REGISTRY) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository };
}

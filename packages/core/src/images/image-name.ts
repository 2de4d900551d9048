/** Where an ImageRepository's `spec.image` points: a registry host and a repository in it. */
export interface ImageName {
  /** `host[:port]` (`index.docker.io` for Docker Hub). */
  registry: string;
  /** The repository path, `library/` added for Docker Hub's official images. */
  repository: string;
  /** `registry/repository`: go-containerregistry's `ref.Context().String()`. */
  canonical: string;
}

/** An image Flux cannot parse (Stalled, `ImageURLInvalid`); the message is Flux's. */
export class ImageNameError extends Error {
  override readonly name = 'ImageNameError';
}

const DOCKER_HUB = 'index.docker.io';
const REPOSITORY_CHARS = /^[a-z0-9_\-./]{2,255}$/;
const TAG_CHARS = /^[A-Za-z0-9_\-.]{1,128}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REGISTRY = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?$/;

/** go-containerregistry `NewRepository` (weak validation): the repository of `name`, or undefined. */
function repositoryOf(name: string): { registry: string; repository: string } | undefined {
  if (name === '') return undefined;
  const slash = name.indexOf('/');
  const first = slash < 0 ? name : name.slice(0, slash);
  const explicit = slash >= 0 && (first.includes('.') || first.includes(':'));
  let registry = explicit ? first : '';
  const repository = explicit ? name.slice(slash + 1) : name;
  if (!REPOSITORY_CHARS.test(repository)) return undefined;
  if (registry !== '' && !REGISTRY.test(registry)) return undefined;
  if (registry === '' || registry === 'docker.io') registry = DOCKER_HUB;
  const implicitNamespace = registry === DOCKER_HUB && !repository.includes('/');
  return { registry, repository: implicitNamespace ? `library/${repository}` : repository };
}

/** go-containerregistry `NewTag`: a repository and an optional tag after the last `:` (not a port). */
function parseTag(name: string): { registry: string; repository: string } | undefined {
  const parts = name.split(':');
  let base = name;
  const last = parts[parts.length - 1] ?? '';
  if (parts.length > 1 && !last.includes('/')) {
    if (last === '' || !TAG_CHARS.test(last)) return undefined;
    base = parts.slice(0, -1).join(':');
  }
  return repositoryOf(base);
}

/** go-containerregistry `NewDigest`: `<tag reference>@sha256:<hex>`. */
function parseDigest(name: string): { registry: string; repository: string } | undefined {
  const parts = name.split('@');
  if (parts.length !== 2 || !DIGEST.test(parts[1] ?? '')) return undefined;
  return parseTag(parts[0] ?? '');
}

/**
 * Parses `spec.image` as image-reflector-controller's `ParseImageReference` does: no URL scheme,
 * go-containerregistry's reference grammar (weak validation: a first path part with `.` or `:`
 * is the registry, otherwise Docker Hub, with `library/` for one-part names), and no tag or
 * digest. Throws {@link ImageNameError} with Flux's message. Pure.
 */
export function parseImageName(image: string): ImageName {
  const scheme = image.split('://');
  if (scheme.length > 1)
    throw new ImageNameError(
      `image '${image}' should not include URL scheme; remove '${scheme[0] ?? ''}://'`,
    );
  const parsed = parseTag(image) ?? parseDigest(image);
  if (!parsed) throw new ImageNameError(`could not parse reference: ${image}`);
  const rest = image.startsWith(parsed.registry) ? image.slice(parsed.registry.length) : image;
  const colon = rest.split(':');
  if (colon.length > 1)
    throw new ImageNameError(`image '${image}' should not include a tag; remove ':${colon[1] ?? ''}'`);
  return { ...parsed, canonical: `${parsed.registry}/${parsed.repository}` };
}

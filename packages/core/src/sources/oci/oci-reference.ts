/** Where an `oci://` URL points: a registry host and a repository path in it. */
export interface OciRepositoryAddress {
  /** `host[:port]`, as the registry is addressed over HTTP. */
  registry: string;
  repository: string;
}

/** A URL that is not a valid OCIRepository URL (Flux: Stalled, `URLInvalid`). */
export class InvalidOciUrlError extends Error {
  override readonly name = 'InvalidOciUrlError';
}

const OCI_PREFIX = 'oci://';
const DOCKER_HUB = 'index.docker.io';
// Path components `[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*` joined by `/` (distribution's grammar).
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const REGISTRY =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

/**
 * Parses `oci://<registry>/<repository>` as source-controller's `parseRepository` does
 * (go-containerregistry `name.NewRepository`): a first path part without `.` or `:` that is not
 * `localhost` means Docker Hub; a tag in the URL is refused. Pure.
 */
export function parseOciUrl(url: string): OciRepositoryAddress {
  if (!url.startsWith(OCI_PREFIX))
    throw new InvalidOciUrlError("URL must be in format 'oci://<domain>/<org>/<repo>'");
  const rest = url.slice(OCI_PREFIX.length);
  const slash = rest.indexOf('/');
  const first = slash < 0 ? rest : rest.slice(0, slash);
  const explicitRegistry =
    slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = explicitRegistry ? first : DOCKER_HUB;
  let repository = explicitRegistry ? rest.slice(slash + 1) : rest;
  if (!explicitRegistry && !repository.includes('/')) repository = `library/${repository}`;
  const tagAt = repository.lastIndexOf(':');
  if (tagAt >= 0)
    throw new InvalidOciUrlError(`URL must not contain a tag; remove ':${repository.slice(tagAt + 1)}'`);
  if (!REGISTRY.test(registry))
    throw new InvalidOciUrlError(`registries must be valid RFC 3986 URI authorities: ${registry}`);
  if (repository.length > 255 || !REPOSITORY.test(repository)) {
    throw new InvalidOciUrlError(
      `repository can only contain the characters \`abcdefghijklmnopqrstuvwxyz0123456789_-./\`: ${repository}`,
    );
  }
  return { registry, repository };
}

/** `registry/repository:tag` or `registry/repository@digest`, as go-containerregistry prints a reference. Pure. */
export function formatReference(
  address: OciRepositoryAddress,
  ref: { tag: string } | { digest: string },
): string {
  const base = `${address.registry}/${address.repository}`;
  return 'tag' in ref ? `${base}:${ref.tag}` : `${base}@${ref.digest}`;
}

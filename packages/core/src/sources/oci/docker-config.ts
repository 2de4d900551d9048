/** Username and password for one registry. */
export interface RegistryLogin {
  username: string;
  password: string;
}

/** A `.dockerconfigjson` that cannot be read (Flux: `AuthenticationFailed`). */
export class DockerConfigError extends Error {
  override readonly name = 'DockerConfigError';
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
}

/** The host part of a docker config key: `https://host:5000/v1/` → `host:5000`. Pure. */
function keyHost(key: string): string {
  const withoutScheme = key.replace(/^[a-z]+:\/\//i, '');
  return withoutScheme.split('/')[0] ?? '';
}

/**
 * The login a `kubernetes.io/dockerconfigjson` Secret holds for `registry`, as the k8s keychain
 * matches it: `auths` keys compared by host (scheme and path ignored), Docker Hub's legacy key
 * accepted for `index.docker.io`. `auth` (base64 `user:password`) or `username`/`password`.
 * Undefined when no entry matches (the request then goes anonymously). Never echoes secret
 * values in errors. Pure.
 */
export function loginFor(dockerConfigJson: string, registry: string): RegistryLogin | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(dockerConfigJson);
  } catch {
    throw new DockerConfigError('invalid .dockerconfigjson: not valid JSON');
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (!auths || typeof auths !== 'object')
    throw new DockerConfigError("invalid .dockerconfigjson: no 'auths' map");
  const hosts =
    registry === 'index.docker.io' ? ['index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry];
  for (const [key, value] of Object.entries(auths as Record<string, AuthEntry>)) {
    if (!hosts.includes(keyHost(key)) || !value || typeof value !== 'object') continue;
    if (value.username !== undefined && value.password !== undefined)
      return { username: value.username, password: value.password };
    if (typeof value.auth === 'string') {
      const decoded = Buffer.from(value.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0)
        throw new DockerConfigError(
          `invalid .dockerconfigjson: the 'auth' of '${key}' is not base64 'username:password'`,
        );
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return undefined;
}

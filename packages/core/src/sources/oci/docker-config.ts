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

/** An `auths` entry as Go decodes it: an object whose fields, when present, are strings. */
function authEntry(value: unknown, key: string): AuthEntry {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new DockerConfigError(`invalid .dockerconfigjson: the entry for '${key}' is not an object`);
  const out: AuthEntry = {};
  for (const field of ['auth', 'username', 'password'] as const) {
    const v = (value as Record<string, unknown>)[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string')
      throw new DockerConfigError(`invalid .dockerconfigjson: the '${field}' of '${key}' is not a string`);
    out[field] = v;
  }
  return out;
}

/** `auth` as base64(`username:password`), strictly (Go's StdEncoding), split at the first colon. */
function decodeAuth(auth: string, key: string): RegistryLogin {
  const refuse = (): DockerConfigError =>
    new DockerConfigError(
      `invalid .dockerconfigjson: the 'auth' of '${key}' is not base64 'username:password'`,
    );
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(auth)) throw refuse();
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw refuse();
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
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
  for (const [key, value] of Object.entries(auths as Record<string, unknown>)) {
    if (!hosts.includes(keyHost(key))) continue;
    const entry = authEntry(value, key);
    // Kubernetes' DockerConfigEntry: a non-empty `auth` wins over `username`/`password`.
    if (entry.auth) return decodeAuth(entry.auth, key);
    if (entry.username !== undefined && entry.password !== undefined)
      return { username: entry.username, password: entry.password };
  }
  return undefined;
}

import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { errorMessage } from '../../runtime/errors.js';
import type { GitCredentials } from '../../sources/git-auth.js';

/** How to reach the remote: the URL without userinfo, and the credentials to send as a header. */
export type AuthResolution = { ok: true; url: string; credentials?: GitCredentials } | { ok: false; message: string };

const configureFailed = (detail: string): AuthResolution => ({ ok: false, message: `failed to configure authentication options: ${detail}` });

/**
 * Credentials as fluxcd/pkg `git.NewAuthOptions` reads them for HTTP(S): `username`/`password`
 * or `bearerToken` from the Secret, falling back to userinfo in the URL. Basic and bearer
 * together are refused, as is a password without a username. The userinfo is taken out of
 * the URL so it never reaches git's argv. SSH keys are not supported. Pure.
 */
export function resolveAuth(rawUrl: string, data: Readonly<Record<string, string>> | undefined): AuthResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: true, url: rawUrl };
  }
  const scheme = url.protocol.replace(/:$/, '');
  const fromUrl = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  const bare = url.toString();
  if (scheme === 'ssh') {
    return data && (data.identity || data.known_hosts) ? configureFailed('SSH authentication is not supported by Tideline') : { ok: true, url: rawUrl };
  }
  const username = data?.username || fromUrl.username;
  const password = data?.password || fromUrl.password;
  const token = data?.bearerToken;
  if (token !== undefined && (username || password)) return configureFailed('basic auth and bearer token cannot be set at the same time');
  if (token !== undefined) return token ? { ok: true, url: bare, credentials: { kind: 'bearer', token } } : { ok: true, url: bare };
  if (!username && password) return configureFailed(`invalid '${scheme}' auth option: 'password' requires 'username' to be set`);
  if (!username) return { ok: true, url: rawUrl };
  return { ok: true, url: bare, credentials: { kind: 'basic', username, password } };
}

/** A Secret's `data`, base64-decoded. Pure. */
export function decodeSecretData(secret: { data?: Record<string, string> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) out[key] = Buffer.from(value, 'base64').toString('utf8');
  return out;
}

/** Reading the Secret failed; the message is Flux's, and holds no secret data. */
export class SecretReadError extends Error {
  override readonly name = 'SecretReadError';
}

/**
 * Reads `spec.secretRef` from the object's namespace. Throws {@link SecretReadError} worded as
 * source-controller words it (the prefix really is doubled there).
 */
export async function readAuthSecret(resources: Resources, namespace: string, name: string): Promise<Record<string, string>> {
  const prefix = `failed to get secret '${namespace}/${name}'`;
  let secret: (KubeObject & { data?: Record<string, string> }) | undefined;
  try {
    secret = await resources.get({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  } catch (error) {
    throw new SecretReadError(`${prefix}: ${prefix}: ${errorMessage(error)}`);
  }
  if (!secret) throw new SecretReadError(`${prefix}: ${prefix}: secrets "${name}" not found`);
  return decodeSecretData(secret);
}

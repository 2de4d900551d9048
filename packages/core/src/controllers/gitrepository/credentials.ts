import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { errorMessage } from '../../runtime/errors.js';
import type { GitCredentials } from '../../sources/git-auth.js';
import type { GitTransportAuth } from '../../sources/git-transport.js';
import { isEncryptedPrivateKey } from '../../sources/ssh-key-format.js';

/**
 * How to reach the remote: the URL (without userinfo for HTTP), credentials to send as a
 * header, and the SSH identity or TLS files the transport needs.
 */
export type AuthResolution =
  | { ok: true; url: string; credentials?: GitCredentials; transport?: GitTransportAuth }
  | { ok: false; message: string };

type Data = Readonly<Record<string, string>>;

const configureFailed = (detail: string): AuthResolution => ({
  ok: false,
  message: `failed to configure authentication options: ${detail}`,
});

/**
 * SSH as fluxcd/pkg reads it: `identity` and `known_hosts` are both required (with or without a
 * Secret), `password` decrypts the key; an encrypted key without one is refused up front, as
 * source-controller does. The user comes from the URL, else `git` (see the ssh config). Pure.
 */
function resolveSsh(rawUrl: string, data: Data | undefined, secretName: string | undefined): AuthResolution {
  const identity = data?.identity;
  const knownHosts = data?.known_hosts;
  if (!identity) return configureFailed("invalid 'ssh' auth option: 'identity' is required");
  if (!knownHosts) return configureFailed("invalid 'ssh' auth option: 'known_hosts' is required");
  const password = data.password || undefined;
  if (!password && isEncryptedPrivateKey(identity)) {
    return {
      ok: false,
      message: `SSH identity key is encrypted but no 'password' field was provided in the secret '${secretName ?? ''}'`,
    };
  }
  return {
    ok: true,
    url: rawUrl,
    transport: { ssh: { identity, knownHosts, ...(password ? { password } : {}) } },
  };
}

/** `ca.crt` (or legacy `caFile`; `ca.crt` wins) and the `tls.crt`/`tls.key` client pair. Pure. */
function tlsFrom(data: Data | undefined): GitTransportAuth | undefined {
  const caPem = data?.['ca.crt'] || data?.caFile || undefined;
  const certPem = data?.['tls.crt'] || undefined;
  const keyPem = data?.['tls.key'] || undefined;
  if (!caPem && !(certPem && keyPem)) return undefined;
  return { tls: { ...(caPem ? { caPem } : {}), ...(certPem && keyPem ? { certPem, keyPem } : {}) } };
}

/**
 * Credentials as fluxcd/pkg `git.NewAuthOptions` reads them. HTTP(S): `username`/`password`
 * or `bearerToken` from the Secret, falling back to userinfo in the URL; basic and bearer
 * together are refused, as is a password without a username; the userinfo is taken out of the
 * URL so it never reaches git's argv; `ca.crt` and `tls.crt`/`tls.key` configure TLS. SSH:
 * see {@link resolveSsh}. `secretName` (`namespace/name`) is for messages only. Pure.
 */
export function resolveAuth(rawUrl: string, data: Data | undefined, secretName?: string): AuthResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: true, url: rawUrl };
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme === 'ssh') return resolveSsh(rawUrl, data, secretName);
  const fromUrl = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  const bare = url.toString();
  const tls = tlsFrom(data);
  const withTls = (resolution: { ok: true; url: string; credentials?: GitCredentials }): AuthResolution =>
    tls ? { ...resolution, transport: tls } : resolution;
  const username = data?.username || fromUrl.username;
  const password = data?.password || fromUrl.password;
  const token = data?.bearerToken;
  if (token !== undefined && (username || password))
    return configureFailed('basic auth and bearer token cannot be set at the same time');
  if (token !== undefined)
    return withTls(
      token ? { ok: true, url: bare, credentials: { kind: 'bearer', token } } : { ok: true, url: bare },
    );
  if (!username && password)
    return configureFailed(`invalid '${scheme}' auth option: 'password' requires 'username' to be set`);
  if (!username) return withTls({ ok: true, url: rawUrl });
  return withTls({ ok: true, url: bare, credentials: { kind: 'basic', username, password } });
}

/** A Secret's `data`, base64-decoded. Pure. */
export function decodeSecretData(secret: { data?: Record<string, string> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {}))
    out[key] = Buffer.from(value, 'base64').toString('utf8');
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
export async function readAuthSecret(
  resources: Resources,
  namespace: string,
  name: string,
): Promise<Record<string, string>> {
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

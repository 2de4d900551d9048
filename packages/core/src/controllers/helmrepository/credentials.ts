import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { HelmRepoMessages } from './messages.js';

/** What a HelmRepository's secrets provide. */
export interface HelmRepositoryCredentials {
  basicAuth?: { username: string; password: string };
  caPem?: string;
  /** Client certificate for mutual TLS (`tls.crt` + `tls.key`). */
  clientCert?: { certPem: string; keyPem: string };
}

/** Raised when a referenced Secret is missing or incomplete (Flux: AuthenticationFailed). */
export class CredentialsError extends Error {}

/** A core/v1 Secret as the credentials readers see it. */
export type Secret = KubeObject & { type?: string; data?: Record<string, string> };

const decode = (secret: Secret | undefined, key: string): string | undefined => {
  const value = secret?.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
};

/** Which of a HelmRepository's Secrets is read, as Flux names it in errors. */
export type SecretRole = 'authentication secret' | 'TLS authentication secret';

/** Reads a Secret a HelmRepository refers to; a missing one is a {@link CredentialsError} in Flux's words. */
export async function readSecret(
  resources: Resources,
  namespace: string,
  name: string,
  role: SecretRole,
): Promise<Secret> {
  const secret = await resources.get<Secret>({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  if (!secret)
    throw new CredentialsError(
      HelmRepoMessages.secretMissing(role, namespace, name, `secrets "${name}" not found`),
    );
  return secret;
}

/**
 * TLS from a `certSecretRef` as fluxcd/pkg `TLSConfigFromSecret` reads it: `tls.crt`/`tls.key`/
 * `ca.crt`, falling back to the legacy `certFile`/`keyFile`/`caFile`; half a key pair, or
 * neither a CA nor a pair, is an error worded as Flux words it. Pure.
 */
export function tlsFromCertSecret(
  ref: string,
  data: Readonly<Record<string, string | undefined>>,
): Pick<HelmRepositoryCredentials, 'caPem' | 'clientCert'> {
  const certPem = data['tls.crt'] || data.certFile;
  const keyPem = data['tls.key'] || data.keyFile;
  const caPem = data['ca.crt'] || data.caFile;
  const prefix = `failed to construct Helm client's TLS config: secret '${ref}'`;
  if (certPem && !keyPem) throw new CredentialsError(`${prefix} contains 'tls.crt' but missing 'tls.key'`);
  if (keyPem && !certPem) throw new CredentialsError(`${prefix} contains 'tls.key' but missing 'tls.crt'`);
  if (!caPem && !(certPem && keyPem))
    throw new CredentialsError(`${prefix} must contain either 'ca.crt' or both 'tls.crt' and 'tls.key'`);
  return { ...(caPem ? { caPem } : {}), ...(certPem && keyPem ? { clientCert: { certPem, keyPem } } : {}) };
}

const decodeAll = (secret: Secret): Record<string, string> =>
  Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );

/**
 * Reads `secretRef` (username/password, and the deprecated TLS keys) and `certSecretRef`
 * (`ca.crt`, `tls.crt`/`tls.key`; it wins over `secretRef`'s TLS) from the object's namespace.
 */
export async function loadCredentials(
  resources: Resources,
  namespace: string,
  spec: { secretRef?: { name: string }; certSecretRef?: { name: string } },
): Promise<HelmRepositoryCredentials> {
  const out: HelmRepositoryCredentials = {};
  if (spec.secretRef) {
    const secret = await readSecret(resources, namespace, spec.secretRef.name, 'authentication secret');
    const username = decode(secret, 'username');
    const password = decode(secret, 'password');
    if (username === undefined || password === undefined) {
      throw new CredentialsError(
        HelmRepoMessages.secretMissing(
          'authentication secret',
          namespace,
          spec.secretRef.name,
          "required fields 'username' and 'password' not found",
        ),
      );
    }
    out.basicAuth = { username, password };
    out.caPem = decode(secret, 'ca.crt') ?? decode(secret, 'caFile');
    const certPem = decode(secret, 'tls.crt');
    const keyPem = decode(secret, 'tls.key');
    if (certPem && keyPem) out.clientCert = { certPem, keyPem };
  }
  if (spec.certSecretRef) {
    const { name } = spec.certSecretRef;
    const secret = await resources.get<Secret>({ apiVersion: 'v1', kind: 'Secret', namespace, name });
    if (!secret)
      throw new CredentialsError(
        `failed to get TLS authentication secret '${namespace}/${name}': secrets "${name}" not found`,
      );
    const tls = tlsFromCertSecret(`${namespace}/${name}`, decodeAll(secret));
    delete out.caPem;
    delete out.clientCert;
    Object.assign(out, tls);
  }
  return out;
}

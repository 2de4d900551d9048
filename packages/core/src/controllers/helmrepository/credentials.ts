import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { HelmRepoMessages } from './messages.js';

/** What a HelmRepository's secrets provide. */
export interface HelmRepositoryCredentials {
  basicAuth?: { username: string; password: string };
  caPem?: string;
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
export async function readSecret(resources: Resources, namespace: string, name: string, role: SecretRole): Promise<Secret> {
  const secret = await resources.get<Secret>({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  if (!secret) throw new CredentialsError(HelmRepoMessages.secretMissing(role, namespace, name, `secrets "${name}" not found`));
  return secret;
}

/** Reads `secretRef` (username/password) and `certSecretRef` (ca.crt) from the object's namespace. */
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
      throw new CredentialsError(HelmRepoMessages.secretMissing('authentication secret', namespace, spec.secretRef.name, "required fields 'username' and 'password' not found"));
    }
    out.basicAuth = { username, password };
    out.caPem = decode(secret, 'ca.crt') ?? decode(secret, 'caFile');
  }
  if (spec.certSecretRef) {
    const secret = await readSecret(resources, namespace, spec.certSecretRef.name, 'TLS authentication secret');
    out.caPem = decode(secret, 'ca.crt') ?? out.caPem;
  }
  return out;
}

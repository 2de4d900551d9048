import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { loginFor, type RegistryLogin } from '../../sources/oci/docker-config.js';
import { OciMessages } from './messages.js';

/** The Secret could not be read or parsed (Flux: `AuthenticationFailed`). Messages never carry secret values. */
export class OciCredentialsError extends Error {
  override readonly name = 'OciCredentialsError';
}

type Secret = KubeObject & { type?: string; data?: Record<string, string> };

/**
 * The login `spec.secretRef` (a `kubernetes.io/dockerconfigjson` Secret) holds for `registry`,
 * as the k8s keychain reads it: the `.dockerconfigjson` key; no key or no matching entry means
 * anonymous, as in Flux.
 */
export async function loadRegistryLogin(resources: Resources, namespace: string, secretName: string | undefined, registry: string): Promise<RegistryLogin | undefined> {
  if (!secretName) return undefined;
  const secret = await resources.get<Secret>({ apiVersion: 'v1', kind: 'Secret', namespace, name: secretName });
  if (!secret) {
    throw new OciCredentialsError(OciMessages.credentialFailed(OciMessages.secretNotFound(namespace, secretName, `secrets "${secretName}" not found`)));
  }
  const encoded = secret.data?.['.dockerconfigjson'];
  if (encoded === undefined) return undefined;
  try {
    return loginFor(Buffer.from(encoded, 'base64').toString('utf8'), registry);
  } catch (error) {
    throw new OciCredentialsError(OciMessages.credentialFailed((error as Error).message));
  }
}

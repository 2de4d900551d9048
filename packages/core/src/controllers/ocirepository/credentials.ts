import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { loginFor, type RegistryLogin } from '../../sources/oci/docker-config.js';
import { OciMessages } from './messages.js';

/** The Secret could not be read or parsed (Flux: `AuthenticationFailed`). Messages never carry secret values. */
export class OciCredentialsError extends Error {
  override readonly name = 'OciCredentialsError';
}

type Secret = KubeObject & { type?: string; data?: Record<string, string> };
type ServiceAccount = KubeObject & { imagePullSecrets?: { name?: string }[] };

/** Where the pull secrets come from: `spec.secretRef`, then the `spec.serviceAccountName`'s imagePullSecrets. */
export interface CredentialSources {
  namespace: string;
  secretName?: string;
  serviceAccountName?: string;
}

/**
 * The login for `registry`, as source-controller's keychain finds it: the `.dockerconfigjson` of
 * `spec.secretRef`, then of each imagePullSecret of `spec.serviceAccountName`, first match wins.
 * No secret, no key or no matching entry means anonymous, as in Flux.
 */
export async function loadRegistryLogin(
  resources: Resources,
  sources: CredentialSources,
  registry: string,
): Promise<RegistryLogin | undefined> {
  const { namespace } = sources;
  const names: string[] = [];
  if (sources.secretName) names.push(sources.secretName);
  if (sources.serviceAccountName) {
    const account = await resources.get<ServiceAccount>({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      namespace,
      name: sources.serviceAccountName,
    });
    if (!account) {
      const name = sources.serviceAccountName;
      throw new OciCredentialsError(
        OciMessages.credentialFailed(
          `failed to get service account '${namespace}/${name}': serviceaccounts "${name}" not found`,
        ),
      );
    }
    for (const ref of account.imagePullSecrets ?? []) if (ref.name) names.push(ref.name);
  }
  for (const name of names) {
    const secret = await resources.get<Secret>({ apiVersion: 'v1', kind: 'Secret', namespace, name });
    if (!secret)
      throw new OciCredentialsError(
        OciMessages.credentialFailed(
          OciMessages.secretNotFound(namespace, name, `secrets "${name}" not found`),
        ),
      );
    const encoded = secret.data?.['.dockerconfigjson'];
    if (encoded === undefined) continue;
    let login: RegistryLogin | undefined;
    try {
      login = loginFor(Buffer.from(encoded, 'base64').toString('utf8'), registry);
    } catch (error) {
      throw new OciCredentialsError(OciMessages.credentialFailed((error as Error).message));
    }
    if (login) return login;
  }
  return undefined;
}

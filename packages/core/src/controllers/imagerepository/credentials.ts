import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { loginFor, type RegistryLogin } from '../../sources/oci/docker-config.js';
import type { ClientTls } from '../../sources/guarded-fetch.js';

/** What a scan authenticates with: a login for the registry and TLS material. */
export interface RegistryAccess {
  login?: RegistryLogin;
  tls?: ClientTls;
}

/** Building the access failed; the message is image-reflector-controller's cause (no secret values). */
export class RegistryAccessError extends Error {
  override readonly name = 'RegistryAccessError';
}

type Secret = KubeObject & { data?: Record<string, string> };
type ServiceAccount = KubeObject & { imagePullSecrets?: { name?: string }[] };

/** The fields of an ImageRepository spec that say how to reach the registry. */
export interface AccessSpec {
  secretRef?: { name: string };
  serviceAccountName?: string;
  certSecretRef?: { name: string };
  proxySecretRef?: { name: string };
  provider: string;
}

const decode = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');

/** fluxcd/pkg `TLSConfigFromSecret`: `ca.crt` and/or `tls.crt` + `tls.key`, both halves or neither. Pure. */
export function tlsFromSecret(secret: Secret, namespace: string): ClientTls {
  const data = secret.data ?? {};
  const ref = `${namespace}/${secret.metadata.name}`;
  const caPem = decode(data['ca.crt'] ?? data.caFile);
  const certPem = decode(data['tls.crt'] ?? data.certFile);
  const keyPem = decode(data['tls.key'] ?? data.keyFile);
  if (certPem && !keyPem)
    throw new RegistryAccessError(`secret '${ref}' contains 'tls.crt' but missing 'tls.key'`);
  if (keyPem && !certPem)
    throw new RegistryAccessError(`secret '${ref}' contains 'tls.key' but missing 'tls.crt'`);
  if (!caPem && !certPem)
    throw new RegistryAccessError(
      `secret '${ref}' must contain either 'ca.crt' or both 'tls.crt' and 'tls.key'`,
    );
  return { ...(caPem ? { caPem } : {}), ...(certPem && keyPem ? { certPem, keyPem } : {}) };
}

async function getSecret(resources: Resources, namespace: string, name: string): Promise<Secret | undefined> {
  return resources.get<Secret>({ apiVersion: 'v1', kind: 'Secret', namespace, name });
}

/** `spec.serviceAccountName`'s imagePullSecrets, as fluxcd/pkg `PullSecretsFromServiceAccountRef` reads them. */
async function serviceAccountSecrets(
  resources: Resources,
  namespace: string,
  name: string,
): Promise<Secret[]> {
  const account = await resources.get<ServiceAccount>({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    namespace,
    name,
  });
  if (!account) throw new RegistryAccessError(`serviceaccount '${namespace}/${name}' not found`);
  const secrets: Secret[] = [];
  for (const ref of account.imagePullSecrets ?? []) {
    if (!ref.name) continue;
    const secret = await getSecret(resources, namespace, ref.name);
    if (!secret)
      throw new RegistryAccessError(
        `failed to get image pull secret for serviceaccount '${namespace}/${name}': secret '${namespace}/${ref.name}' not found`,
      );
    secrets.push(secret);
  }
  return secrets;
}

/**
 * image-reflector-controller's `AuthOptionsGetter`: the `certSecretRef` TLS material, then the
 * pull secrets of `secretRef` and of the ServiceAccount's imagePullSecrets (first entry matching
 * the registry wins, as the Kubernetes keychain does). No matching entry is anonymous access.
 * Cloud providers and proxies are not implemented by Tideline and say so.
 */
export async function loadRegistryAccess(
  resources: Resources,
  namespace: string,
  spec: AccessSpec,
  registry: string,
): Promise<RegistryAccess> {
  if (spec.provider !== 'generic')
    throw new RegistryAccessError(`provider '${spec.provider}' is not supported by Tideline; use 'generic'`);
  if (spec.proxySecretRef) throw new RegistryAccessError('spec.proxySecretRef is not supported by Tideline');
  const access: RegistryAccess = {};
  if (spec.certSecretRef) {
    const secret = await getSecret(resources, namespace, spec.certSecretRef.name);
    if (!secret) throw new RegistryAccessError(`secrets "${spec.certSecretRef.name}" not found`);
    access.tls = tlsFromSecret(secret, namespace);
  }
  const pullSecrets: Secret[] = [];
  if (spec.secretRef) {
    const secret = await getSecret(resources, namespace, spec.secretRef.name);
    if (!secret) throw new RegistryAccessError(`secrets "${spec.secretRef.name}" not found`);
    pullSecrets.push(secret);
  }
  if (spec.serviceAccountName)
    pullSecrets.push(...(await serviceAccountSecrets(resources, namespace, spec.serviceAccountName)));
  for (const secret of pullSecrets) {
    const config = decode(secret.data?.['.dockerconfigjson']);
    if (config === undefined) continue;
    try {
      const login = loginFor(config, registry);
      if (login) return { ...access, login };
    } catch (error) {
      throw new RegistryAccessError(
        `secret '${namespace}/${secret.metadata.name}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return access;
}

import type { HelmRepository } from '../../api/helmrepository-v1.js';
import type { Resources } from '../../kube/resources.js';
import { DockerConfigError, loginFor, type RegistryLogin } from '../../sources/oci/docker-config.js';
import {
  CredentialsError,
  readSecret as readRepositorySecret,
  type Secret,
  type SecretRole,
} from '../helmrepository/credentials.js';
import { ChartCredentialsError } from './remote-download.js';

const DOCKER_CONFIG_JSON = 'kubernetes.io/dockerconfigjson';

const decoded = (secret: Secret, key: string): string =>
  Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');

/**
 * The registry login from an OCI HelmRepository's `secretRef`, as source-controller's
 * `GetClientOpts` + `KeychainFromSecret` read it: a `kubernetes.io/dockerconfigjson` Secret's
 * entry for the registry host, or else `username`/`password` (none at all: anonymous).
 * Failures are {@link ChartCredentialsError} (Flux: `AuthenticationFailed`) and never quote
 * secret values.
 */
export async function loadOciLogin(
  resources: Resources,
  repo: HelmRepository,
  registry: string,
): Promise<RegistryLogin | undefined> {
  const namespace = repo.metadata.namespace ?? 'default';
  if (repo.spec.certSecretRef)
    await readSecret(resources, namespace, repo.spec.certSecretRef.name, 'TLS authentication secret');
  if (!repo.spec.secretRef) return undefined;
  const name = repo.spec.secretRef.name;
  const secret = await readSecret(resources, namespace, name, 'authentication secret');
  try {
    if (secret.type === DOCKER_CONFIG_JSON) return loginFor(decoded(secret, '.dockerconfigjson'), registry);
  } catch (error) {
    if (error instanceof DockerConfigError)
      throw new ChartCredentialsError(`failed to configure OCI registry authentication: ${error.message}`);
    throw error;
  }
  const username = decoded(secret, 'username');
  const password = decoded(secret, 'password');
  if (username === '' && password === '') return undefined;
  if (username === '' || password === '') {
    throw new ChartCredentialsError(
      `failed to configure OCI registry authentication: invalid '${name}' secret data: required fields 'username' and 'password'`,
    );
  }
  return { username, password };
}

async function readSecret(
  resources: Resources,
  namespace: string,
  name: string,
  role: SecretRole,
): Promise<Secret> {
  try {
    return await readRepositorySecret(resources, namespace, name, role);
  } catch (error) {
    if (error instanceof CredentialsError) throw new ChartCredentialsError(error.message);
    throw error;
  }
}

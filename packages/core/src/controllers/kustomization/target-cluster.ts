import { createHash } from 'node:crypto';
import type { KustomizationSpec } from '../../api/kustomize-v1.js';
import { KubeClient } from '../../kube/client.js';
import { parseKubeconfigContent } from '../../kube/kubeconfig-content.js';
import type { KubeObject } from '../../kube/objects.js';
import { Resources } from '../../kube/resources.js';
import { errorMessage } from '../../runtime/errors.js';

/** Why the client for the target cluster could not be built (Flux: `failed to build kube client`). */
export class TargetClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetClusterError';
  }
}

/**
 * The user Flux impersonates: `system:serviceaccount:<ks namespace>:<name>` for
 * `spec.serviceAccountName`, else for `--default-service-account`; none when both are empty. Pure.
 */
export function impersonatedUser(
  ks: { metadata: { namespace?: string }; spec: Pick<KustomizationSpec, 'serviceAccountName'> },
  defaultServiceAccount: string | undefined,
): string | undefined {
  const name = ks.spec.serviceAccountName || defaultServiceAccount;
  return name ? `system:serviceaccount:${ks.metadata.namespace ?? 'default'}:${name}` : undefined;
}

/**
 * The kubeconfig text in a Secret: `secretRef.key` when given, else `value`, else `value.yaml`,
 * with fluxcd/pkg's messages when it is not there. Pure.
 */
export function kubeconfigInSecret(
  secret: KubeObject & { data?: Record<string, string> },
  id: string,
  key: string | undefined,
): string {
  const data = secret.data ?? {};
  const pickKey =
    key || (data.value !== undefined ? 'value' : data['value.yaml'] !== undefined ? 'value.yaml' : undefined);
  const encoded = pickKey === undefined ? undefined : data[pickKey];
  if (encoded === undefined) {
    throw new TargetClusterError(
      `KubeConfig secret '${id}' does not contain a '${key || 'value'}' key with a kubeconfig`,
    );
  }
  return Buffer.from(encoded, 'base64').toString('utf8');
}

/** Past this many cached clients the oldest is dropped (tokens rotate; each rotation is a new entry). */
const MAX_CACHED_CLIENTS = 256;

/**
 * The clients a Kustomization acts through on its target cluster: the engine's own, the same
 * cluster impersonating a ServiceAccount, or a remote cluster from a kubeconfig Secret
 * (impersonating there when a ServiceAccount is set too). Clients are cached per
 * (kubeconfig content digest, user) so a reconcile neither re-parses nor re-discovers; the
 * kubeconfig itself is never kept as text, logged or quoted.
 */
export class TargetClusters {
  private readonly cache = new Map<string, Resources>();

  constructor(
    private readonly local: Resources,
    private readonly defaultServiceAccount?: string,
  ) {}

  /** The Resources that apply, prune, health-check and finalize for `ks`. */
  async resourcesFor(
    ks: KubeObject & { spec: Pick<KustomizationSpec, 'serviceAccountName' | 'kubeConfig'> },
  ): Promise<Resources> {
    const user = impersonatedUser(ks, this.defaultServiceAccount);
    const ref = ks.spec.kubeConfig;
    if (!ref)
      return user
        ? this.cached(`local\0${user}`, () => new Resources(this.local.client.as(user)))
        : this.local;
    if (!ref.secretRef && ref.configMapRef) {
      throw new TargetClusterError(
        '.spec.kubeConfig.configMapRef (workload identity) is not supported; use .spec.kubeConfig.secretRef',
      );
    }
    if (!ref.secretRef?.name) {
      throw new TargetClusterError(
        'invalid .spec.kubeConfig, neither .spec.kubeConfig.provider nor .spec.kubeConfig.secretRef is set',
      );
    }
    const namespace = ks.metadata.namespace ?? 'default';
    const id = `${namespace}/${ref.secretRef.name}`;
    let secret: (KubeObject & { data?: Record<string, string> }) | undefined;
    try {
      secret = await this.local.get({
        apiVersion: 'v1',
        kind: 'Secret',
        namespace,
        name: ref.secretRef.name,
      });
    } catch (error) {
      throw new TargetClusterError(`unable to read KubeConfig secret '${id}' error: ${errorMessage(error)}`);
    }
    if (!secret)
      throw new TargetClusterError(
        `unable to read KubeConfig secret '${id}' error: secrets "${ref.secretRef.name}" not found`,
      );
    const text = kubeconfigInSecret(secret, id, ref.secretRef.key);
    const digest = createHash('sha256').update(text).digest('hex');
    return this.cached(`${digest}\0${user ?? ''}`, () => {
      try {
        return new Resources(KubeClient.fromConnection(parseKubeconfigContent(text), { impersonate: user }));
      } catch (error) {
        throw new TargetClusterError(`KubeConfig secret '${id}': ${errorMessage(error)}`);
      }
    });
  }

  private cached(key: string, build: () => Resources): Resources {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const built = build();
    this.cache.set(key, built);
    if (this.cache.size > MAX_CACHED_CLIENTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return built;
  }
}

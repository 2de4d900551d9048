import type { KubeObject } from '../../kube/objects.js';
import { ReleaseStorage } from '../../kube/helm-storage/release-storage.js';
import type { Resources } from '../../kube/resources.js';
import { impersonatedUser, kubeconfigInSecret, TargetClusters } from '../kustomization/target-cluster.js';
import type { ReleaseTarget } from './release-context.js';
import { hrNamespace, type Hr } from './release-spec.js';

/**
 * The cluster and identity a HelmRelease acts as, for helm and for the controller's own reads
 * of the release (storage, drift, health): `serviceAccountName` (else the default service
 * account) impersonated, `kubeConfig.secretRef` a remote cluster — the same rules, messages and
 * client cache as the Kustomization's (`TargetClusters`). Helm gets the kubeconfig text of a
 * remote cluster for the call only.
 */
export class ReleaseTargets {
  private readonly clusters: TargetClusters;

  constructor(
    private readonly local: Resources,
    private readonly kubeconfigPath: string | undefined,
    private readonly defaultServiceAccount?: string,
  ) {
    this.clusters = new TargetClusters(local, defaultServiceAccount);
  }

  /** The target of a HelmRelease; throws `TargetClusterError` with Flux's words. */
  async targetFor(hr: Hr): Promise<ReleaseTarget> {
    const resources = await this.clusters.resourcesFor(hr);
    const impersonate = impersonatedUser(hr, this.defaultServiceAccount);
    const ref = hr.spec.kubeConfig?.secretRef;
    if (!ref)
      return {
        resources,
        storage: new ReleaseStorage(resources),
        helm: { kubeconfigPath: this.kubeconfigPath, impersonate },
      };
    const namespace = hrNamespace(hr);
    const secret = await this.local.get<KubeObject & { data?: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace,
      name: ref.name,
    });
    const text = secret ? kubeconfigInSecret(secret, `${namespace}/${ref.name}`, ref.key) : '';
    return { resources, storage: new ReleaseStorage(resources), helm: { kubeconfigText: text, impersonate } };
  }
}

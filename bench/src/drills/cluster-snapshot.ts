import type { KubeObject, Resources } from '@tideline/core';
import { APP_KINDS } from './drill-content.js';
import type { ClusterSnapshot, InventoryOwner, LiveObject, StoredRelease } from './invariants.js';

type Owner = KubeObject & { status?: { inventory?: { entries?: { id: string }[] } } };

/** Reads what the invariants check, straight from etcd (no watch cache: the final word). */
export async function readClusterSnapshot(
  resources: Resources,
  namespace = 'apps',
): Promise<ClusterSnapshot> {
  const objects: LiveObject[] = [];
  for (const { apiVersion, kind } of APP_KINDS) {
    const list = await resources.list(apiVersion, kind, { namespace });
    for (const o of list.items) {
      objects.push({
        apiVersion,
        kind,
        namespace: o.metadata.namespace ?? '',
        name: o.metadata.name,
        labels: o.metadata.labels ?? {},
        annotations: o.metadata.annotations ?? {},
      });
    }
  }
  const owners = async (apiVersion: string, kind: string): Promise<InventoryOwner[]> =>
    (await resources.list<Owner>(apiVersion, kind)).items.map((o) => ({
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name,
      inventory: (o.status?.inventory?.entries ?? []).map((e) => e.id),
    }));
  const secrets = await resources.list('v1', 'Secret', { namespace, labelSelector: 'owner=helm' });
  const helmStorage: StoredRelease[] = secrets.items.map((s) => ({
    namespace: s.metadata.namespace ?? '',
    release: s.metadata.labels?.name ?? '',
    version: Number(s.metadata.labels?.version ?? 0),
    status: s.metadata.labels?.status ?? '',
  }));
  return {
    objects,
    kustomizations: await owners('kustomize.toolkit.fluxcd.io/v1', 'Kustomization'),
    helmReleases: await owners('helm.toolkit.fluxcd.io/v2', 'HelmRelease'),
    helmStorage,
  };
}

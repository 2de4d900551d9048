import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';

/** Label on the PersistentVolumes the simulated kubelet creates (and may delete). */
export const SIMULATED_VOLUME_LABEL = 'sandbox.tideline.dev/provisioned-by';
/** Value of {@link SIMULATED_VOLUME_LABEL}. */
export const SIMULATED_VOLUME_PROVISIONER = 'simulated-kubelet';
/** Where the (never mounted) hostPath volumes would live. */
export const VOLUME_ROOT = '/tmp/tideline-pv';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The name of the volume made for a claim: `pvc-<uid>`, as dynamic provisioners name them. Pure. */
export function volumeNameFor(claim: V1PersistentVolumeClaim): string {
  return `pvc-${claim.metadata?.uid ?? ''}`;
}

/** The storage class a claim asks for (the beta annotation wins, as in the PV controller). Pure. */
export function claimStorageClass(claim: V1PersistentVolumeClaim): string {
  return claim.metadata?.annotations?.[BETA_CLASS_ANNOTATION] ?? claim.spec?.storageClassName ?? '';
}

/**
 * Whether a claim needs a volume made for it: Pending, not being deleted, not already naming a
 * volume, and no volume made for it yet. Pure.
 */
export function claimNeedsVolume(claim: V1PersistentVolumeClaim, volumeExists: boolean): boolean {
  const phase = claim.status?.phase ?? 'Pending';
  return (
    phase === 'Pending' &&
    !claim.metadata?.deletionTimestamp &&
    !claim.spec?.volumeName &&
    !!claim.metadata?.uid &&
    !volumeExists
  );
}

/**
 * A hostPath PersistentVolume that satisfies `claim` and is pre-bound to it through `claimRef`
 * (name and uid), so the real PV controller binds the two: capacity is the claim's request,
 * access modes, volume mode and storage class are the claim's, and selector labels are copied
 * so a claim with a selector still matches. Reclaim policy Retain: the kubelet deletes released
 * volumes itself, as no deleter plugin exists for them. Pure.
 */
export function simulatedVolume(claim: V1PersistentVolumeClaim): V1PersistentVolume {
  const name = volumeNameFor(claim);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      labels: {
        ...(claim.spec?.selector?.matchLabels ?? {}),
        [SIMULATED_VOLUME_LABEL]: SIMULATED_VOLUME_PROVISIONER,
      },
    },
    spec: {
      capacity: { storage: claim.spec?.resources?.requests?.storage ?? '1Gi' },
      accessModes: claim.spec?.accessModes ?? ['ReadWriteOnce'],
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      storageClassName: claimStorageClass(claim),
      persistentVolumeReclaimPolicy: 'Retain',
      hostPath: { path: `${VOLUME_ROOT}/${name}`, type: 'DirectoryOrCreate' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata?.namespace,
        name: claim.metadata?.name,
        uid: claim.metadata?.uid,
      },
    },
  };
}

/**
 * Whether a volume this kubelet made should go: its claim was deleted (the volume is Released
 * or Failed, or no claim with the referenced uid exists any more). Pure.
 */
export function volumeIsOrphaned(volume: V1PersistentVolume, claimExists: boolean): boolean {
  if (volume.metadata?.deletionTimestamp) return false;
  const phase = volume.status?.phase;
  return phase === 'Released' || phase === 'Failed' || !claimExists;
}

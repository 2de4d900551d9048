import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { isConflict, isNotFound } from './api-errors.js';
import type { Controller } from './controller.js';
import type { KubeClients } from './kube-clients.js';
import { startListWatch } from './list-watch.js';
import { objectKey } from './object-key.js';
import type { Logger } from './options.js';
import { WorkQueue, type ReconcileResult } from './work-queue.js';
import {
  claimNeedsVolume,
  SIMULATED_VOLUME_LABEL,
  SIMULATED_VOLUME_PROVISIONER,
  simulatedVolume,
  volumeIsOrphaned,
  volumeNameFor,
} from './volume-plan.js';

/** What {@link startVolumeController} needs. */
export interface VolumeControllerOptions {
  clients: KubeClients;
  logger: Logger;
}

const VOLUME_PREFIX = 'pv:';

/**
 * Plays a storage provisioner: for each Pending PersistentVolumeClaim it creates a hostPath
 * PersistentVolume pre-bound to the claim (the real PV controller then binds both), and deletes
 * the volumes it made once their claims are gone.
 */
export async function startVolumeController(options: VolumeControllerOptions): Promise<Controller> {
  const { clients, logger } = options;
  const queue = new WorkQueue({ name: 'volume', reconcile, logger, concurrency: 1 });
  // Nothing is decided until both caches are filled: a volume whose claim is not cached yet
  // would look orphaned.
  let synced = false;
  const enqueue = (key: string): void => {
    if (synced) queue.add(key);
  };
  const claims = startListWatch<V1PersistentVolumeClaim>({
    name: 'persistentvolumeclaims',
    kubeConfig: clients.kubeConfig,
    path: '/api/v1/persistentvolumeclaims',
    list: () => clients.core.listPersistentVolumeClaimForAllNamespaces(),
    onChange: enqueue,
    logger,
  });
  const labelSelector = `${SIMULATED_VOLUME_LABEL}=${SIMULATED_VOLUME_PROVISIONER}`;
  const volumes = startListWatch<V1PersistentVolume>({
    name: 'persistentvolumes',
    kubeConfig: clients.kubeConfig,
    path: '/api/v1/persistentvolumes',
    labelSelector,
    list: () => clients.core.listPersistentVolume({ labelSelector }),
    onChange: (key) => enqueue(`${VOLUME_PREFIX}${key}`),
    logger,
  });

  function reconcile(key: string): Promise<ReconcileResult> {
    return key.startsWith(VOLUME_PREFIX)
      ? reconcileVolume(key.slice(VOLUME_PREFIX.length))
      : reconcileClaim(key);
  }

  async function reconcileClaim(key: string): Promise<ReconcileResult> {
    const claim = claims.get(key);
    if (claim === undefined || !claimNeedsVolume(claim, volumes.get(volumeNameFor(claim)) !== undefined))
      return {};
    try {
      await clients.core.createPersistentVolume({ body: simulatedVolume(claim) });
      logger(`created volume ${volumeNameFor(claim)} for claim ${key}`);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    return {};
  }

  async function reconcileVolume(name: string): Promise<ReconcileResult> {
    const volume = volumes.get(name);
    if (volume === undefined) return {};
    const ref = volume.spec?.claimRef;
    const claim = ref
      ? claims.get(objectKey({ metadata: { name: ref.name, namespace: ref.namespace } }))
      : undefined;
    if (!volumeIsOrphaned(volume, claim !== undefined && claim.metadata?.uid === ref?.uid)) return {};
    try {
      await clients.core.deletePersistentVolume({
        name,
        body: { preconditions: { uid: volume.metadata?.uid } },
      });
      logger(`deleted volume ${name}: its claim is gone`);
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
    return {};
  }

  await Promise.all([volumes.synced, claims.synced]);
  synced = true;
  for (const claim of claims.values()) queue.add(objectKey(claim));
  for (const volume of volumes.values()) queue.add(`${VOLUME_PREFIX}${objectKey(volume)}`);
  return {
    async stop() {
      await Promise.all([claims.stop(), volumes.stop()]);
      await queue.stop();
    },
  };
}

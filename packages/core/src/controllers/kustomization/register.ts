import { KUSTOMIZE_API_VERSION, KustomizationKind } from '../../api/kustomize-v1.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import { requestOf, type WatchSpec } from '../../runtime/manager.js';
import type { RegisterKind } from '../engine-services.js';
import { artifactChanged, becameReady, consumersOf } from '../watches.js';
import { KUSTOMIZE_MANAGER, KustomizationReconciler } from './reconciler.js';
import type { Ks } from './step-context.js';
import { dependentsOf, usersOfConfig } from './watches.js';

/** Flux's `--watch-configs-label-selector`: only labelled ConfigMaps/Secrets re-trigger Kustomizations. */
export const WATCH_CONFIGS_SELECTOR = 'reconcile.fluxcd.io/watch=Enabled';

/**
 * Kustomization: its reconciler, woken by a new artifact of its source, by a labelled
 * ConfigMap or Secret it reads, and, Tideline's one deliberate improvement over Flux, by a
 * dependency turning Ready (instead of polling every `--requeue-dependency`).
 */
export const registerKustomization: RegisterKind = (manager, options) => {
  const { resources, reader, store, workDir, recorder } = manager.services;
  const list = (): Ks[] => handle.informer.list();
  const sourceWatch = (kind: string): WatchSpec => ({
    apiVersion: SOURCE_API_VERSION,
    kind,
    onUpdate: (o, old) => (artifactChanged(o, old) ? consumersOf(o, list()).map(requestOf) : []),
  });
  const configWatch = (kind: 'ConfigMap' | 'Secret'): WatchSpec => {
    const wake = (o: KubeObject) => usersOfConfig(kind, o, list()).map(requestOf);
    return {
      apiVersion: 'v1',
      kind,
      labelSelector: WATCH_CONFIGS_SELECTOR,
      onAdd: wake,
      onUpdate: wake,
      onDelete: wake,
    };
  };
  const handle = manager.add<Ks>({
    kind: KustomizationKind,
    reconciler: new KustomizationReconciler({
      resources,
      reader,
      events: recorder(KUSTOMIZE_MANAGER),
      kubectlBin: options.kubectlBin,
      workDir,
      artifactUrl: (artifact) => store.fetchUrl(artifact),
      addressPolicy: options.addressPolicy,
      ...options.kustomization,
    }),
    watches: [
      sourceWatch('GitRepository'),
      sourceWatch('OCIRepository'),
      {
        apiVersion: KUSTOMIZE_API_VERSION,
        kind: 'Kustomization',
        onUpdate: (o, old) => (becameReady(o, old) ? dependentsOf(o, list()).map(requestOf) : []),
      },
      configWatch('ConfigMap'),
      configWatch('Secret'),
    ],
  });
};

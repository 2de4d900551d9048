import { HelmRepositoryKind } from '../../api/helmrepository-v1.js';
import type { RegisterKind } from '../engine-services.js';
import { SOURCE_CONTROLLER } from '../shared/source-reconcile.js';
import { HelmRepositoryReconciler } from './reconciler.js';

/** HelmRepository: its reconciler (HelmCharts watch its index themselves). */
export const registerHelmRepository: RegisterKind = (manager, options) => {
  const { resources, reader, store, recorder } = manager.services;
  manager.add({
    kind: HelmRepositoryKind,
    reconciler: new HelmRepositoryReconciler({
      resources,
      reader,
      store,
      events: recorder(SOURCE_CONTROLLER),
      addressPolicy: options.addressPolicy,
    }),
  });
};

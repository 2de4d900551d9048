import { OCIRepositoryKind } from '../../api/ocirepository-v1.js';
import type { RegisterKind } from '../engine-services.js';
import { SOURCE_CONTROLLER } from '../shared/source-reconcile.js';
import { OCIRepositoryReconciler } from './reconciler.js';

/** OCIRepository: its reconciler (consumers watch its artifact themselves). */
export const registerOCIRepository: RegisterKind = (manager, options) => {
  const { resources, reader, store, workDir, recorder } = manager.services;
  manager.add({
    kind: OCIRepositoryKind,
    reconciler: new OCIRepositoryReconciler({
      resources,
      reader,
      store,
      events: recorder(SOURCE_CONTROLLER),
      workDir,
      addressPolicy: options.addressPolicy,
      ...options.ociRepository,
    }),
  });
};

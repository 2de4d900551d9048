import { HelmChartKind } from '../../api/helmchart-v1.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import { requestOf, type WatchSpec } from '../../runtime/manager.js';
import type { RegisterKind } from '../engine-services.js';
import { SOURCE_CONTROLLER } from '../shared/source-reconcile.js';
import { artifactChanged } from '../watches.js';
import { HelmChartReconciler } from './reconciler.js';
import { chartsUsing } from './watches.js';

/** HelmChart: its reconciler, rebuilt when its HelmRepository or GitRepository stores a new artifact. */
export const registerHelmChart: RegisterKind = (manager, options) => {
  const { resources, reader, store, recorder } = manager.services;
  const sourceWatch = (kind: string): WatchSpec => ({
    apiVersion: SOURCE_API_VERSION,
    kind,
    onUpdate: (o, old) =>
      artifactChanged(o, old) ? chartsUsing(o, handle.informer.list()).map(requestOf) : [],
  });
  const handle = manager.add({
    kind: HelmChartKind,
    reconciler: new HelmChartReconciler({
      resources,
      reader,
      store,
      events: recorder(SOURCE_CONTROLLER),
      addressPolicy: options.addressPolicy,
    }),
    watches: [sourceWatch('HelmRepository'), sourceWatch('GitRepository')],
  });
};

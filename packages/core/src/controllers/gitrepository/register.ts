import { IMAGE_API_VERSION } from '../../api/image-group.js';
import { GitRepositoryKind, SOURCE_API_VERSION } from '../../api/source-v1.js';
import { requestOf, type ControllerHandle } from '../../runtime/manager.js';
import type { RegisterKind } from '../engine-services.js';
import { repositoriesTrackingPush } from '../imageupdateautomation/watches.js';
import { artifactChanged } from '../watches.js';
import { GitRepositoryReconciler, SOURCE_CONTROLLER } from './reconciler.js';
import { includersOf } from './watches.js';

/**
 * GitRepository: its reconciler, a rebuild of the repositories that include one whose artifact
 * changed, and — Tideline's event-driven image loop — a fetch as soon as an
 * ImageUpdateAutomation pushes to the branch it follows.
 */
export const registerGitRepository: RegisterKind = (manager, options) => {
  const { resources, reader, store, workDir, recorder } = manager.services;
  const handle: ControllerHandle = manager.add({
    kind: GitRepositoryKind,
    reconciler: new GitRepositoryReconciler({
      resources,
      reader,
      store,
      events: recorder(SOURCE_CONTROLLER),
      workDir,
      gitBin: options.gitBin,
      addressPolicy: options.addressPolicy,
    }),
    watches: [
      {
        apiVersion: SOURCE_API_VERSION,
        kind: 'GitRepository',
        onUpdate: (o, old) =>
          artifactChanged(o, old) ? includersOf(o, handle.informer.list()).map(requestOf) : [],
      },
      {
        apiVersion: IMAGE_API_VERSION,
        kind: 'ImageUpdateAutomation',
        onUpdate: (o, old) => repositoriesTrackingPush(o, old, handle.informer.list()).map(requestOf),
      },
    ],
  });
};

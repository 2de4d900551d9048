import { IMAGE_API_VERSION } from '../../api/image-group.js';
import { ImageUpdateAutomationKind } from '../../api/imageupdateautomation-v1.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import { requestOf, type ControllerHandle } from '../../runtime/manager.js';
import type { RegisterKind } from '../engine-services.js';
import { IMAGE_AUTOMATION_CONTROLLER, ImageUpdateAutomationReconciler } from './reconciler.js';
import { automationsOf, automationsSelecting, latestRefChanged } from './watches.js';

/**
 * ImageUpdateAutomation: its reconciler, woken as in Flux by a policy's new `latestRef` (only
 * the automations that select it) and by a change of its GitRepository's spec. The other half
 * of the loop — a push waking the GitRepository — is registered by the GitRepository controller.
 */
export const registerImageUpdateAutomation: RegisterKind = (manager, options) => {
  const { resources, reader, recorder, workDir } = manager.services;
  const policies = manager.informer<KubeObject>(IMAGE_API_VERSION, 'ImagePolicy');
  const list = (): KubeObject[] => handle.informer.list();
  const handle: ControllerHandle = manager.add({
    kind: ImageUpdateAutomationKind,
    reconciler: new ImageUpdateAutomationReconciler({
      resources,
      reader,
      events: recorder(IMAGE_AUTOMATION_CONTROLLER),
      workDir,
      gitBin: options.gitBin,
      policies: () => policies.list(),
      noCrossNamespaceRefs: options.images?.noCrossNamespaceRefs,
      addressPolicy: options.addressPolicy,
    }),
    watches: [
      {
        apiVersion: IMAGE_API_VERSION,
        kind: 'ImagePolicy',
        onUpdate: (o, old) =>
          latestRefChanged(o, old) ? automationsSelecting(o, list()).map(requestOf) : [],
      },
      {
        apiVersion: SOURCE_API_VERSION,
        kind: 'GitRepository',
        onUpdate: (o, old) =>
          o.metadata.generation !== old.metadata.generation ? automationsOf(o, list()).map(requestOf) : [],
      },
    ],
  });
};

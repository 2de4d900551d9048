import { IMAGE_API_VERSION } from '../../api/image-group.js';
import { ImagePolicyKind } from '../../api/imagepolicy-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import { requestOf, type ControllerHandle } from '../../runtime/manager.js';
import type { RegisterKind } from '../engine-services.js';
import { IMAGE_REFLECTOR_CONTROLLER } from '../imagerepository/reconciler.js';
import { tagStoreOf } from '../imagerepository/register.js';
import { ImagePolicyReconciler } from './reconciler.js';
import { policiesOf, scanResultChanged } from './watches.js';

/** ImagePolicy: its reconciler, woken as in Flux by its ImageRepository's new scans (and its creation and deletion). */
export const registerImagePolicy: RegisterKind = (manager, options) => {
  const { resources, reader, recorder } = manager.services;
  const wake = (repo: KubeObject) => policiesOf(repo, handle.informer.list()).map(requestOf);
  const handle: ControllerHandle = manager.add({
    kind: ImagePolicyKind,
    reconciler: new ImagePolicyReconciler({
      resources,
      reader,
      events: recorder(IMAGE_REFLECTOR_CONTROLLER),
      tags: tagStoreOf(options.storageDir),
      dependencyRequeueMs: options.images?.dependencyRequeueMs,
      noCrossNamespaceRefs: options.images?.noCrossNamespaceRefs,
      addressPolicy: options.addressPolicy,
    }),
    watches: [
      {
        apiVersion: IMAGE_API_VERSION,
        kind: 'ImageRepository',
        onAdd: wake,
        onUpdate: (o, old) => (scanResultChanged(o, old) ? wake(o) : []),
        onDelete: wake,
      },
    ],
  });
};

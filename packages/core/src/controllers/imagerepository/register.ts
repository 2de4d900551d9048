import { join } from 'node:path';
import { ImageRepositoryKind } from '../../api/imagerepository-v1.js';
import { TagStore } from '../../sources/tag-store.js';
import type { RegisterKind } from '../engine-services.js';
import { IMAGE_REFLECTOR_CONTROLLER, ImageRepositoryReconciler } from './reconciler.js';

/** The scanned tags live beside the artifacts, under the engine's storage directory. */
export function tagStoreOf(storageDir: string): TagStore {
  return new TagStore(join(storageDir, 'image-tags'));
}

/** ImageRepository: its reconciler (woken by its own spec changes and reconcile requests only, as in Flux). */
export const registerImageRepository: RegisterKind = (manager, options) => {
  const { resources, reader, recorder } = manager.services;
  manager.add({
    kind: ImageRepositoryKind,
    reconciler: new ImageRepositoryReconciler({
      resources,
      reader,
      events: recorder(IMAGE_REFLECTOR_CONTROLLER),
      tags: tagStoreOf(options.storageDir),
      maxTagPages: options.images?.maxTagPages,
      addressPolicy: options.addressPolicy,
    }),
  });
};

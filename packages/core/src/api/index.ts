import { crdManifest } from './crd.js';
import { FLUX_KINDS } from './registry.js';

export * from './meta.js';
export * from './crd.js';
export * from './kind-definition.js';
export * from './kind-columns.js';
export * from './kind-edges.js';
export * from './inventory-id.js';
export * from './registry.js';
export * from './source-v1.js';
export * from './kustomize-v1.js';
export * from './helmrepository-v1.js';
export * from './helmchart-v1.js';
export * from './ocirepository-v1.js';
export * from './helmrelease-v2.js';
export * from './image-group.js';
export * from './imagerepository-v1.js';
export * from './imagepolicy-v1.js';
export * from './imageupdateautomation-v1.js';
export * from './label-selector.js';
export * from './notification-refs.js';
export * from './notification-v1beta3.js';
export * from './notification-v1.js';

/** The CRD manifests of every registered kind. Pure. */
export function fluxCrds(): Record<string, unknown>[] {
  return FLUX_KINDS.map(crdManifest);
}

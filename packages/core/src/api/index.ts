import { crdManifest } from './crd.js';
import { HelmChartKind } from './helmchart-v1.js';
import { HelmRepositoryKind } from './helmrepository-v1.js';
import { KustomizationKind } from './kustomize-v1.js';
import { OCIRepositoryKind } from './ocirepository-v1.js';
import { GitRepositoryKind } from './source-v1.js';

export * from './meta.js';
export * from './crd.js';
export * from './source-v1.js';
export * from './kustomize-v1.js';
export * from './helmrepository-v1.js';
export * from './helmchart-v1.js';
export * from './ocirepository-v1.js';

/** Every kind this engine reconciles, in `flux get all` order. */
export const FLUX_KINDS = [
  OCIRepositoryKind,
  GitRepositoryKind,
  HelmRepositoryKind,
  HelmChartKind,
  KustomizationKind,
] as const;

/** The CRD manifests the engine applies at start. */
export function fluxCrds(): Record<string, unknown>[] {
  return FLUX_KINDS.map(crdManifest);
}

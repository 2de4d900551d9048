import { HelmChartKind } from './helmchart-v1.js';
import { HelmReleaseKind } from './helmrelease-v2.js';
import { HelmRepositoryKind } from './helmrepository-v1.js';
import { ImagePolicyKind } from './imagepolicy-v1.js';
import { ImageRepositoryKind } from './imagerepository-v1.js';
import { ImageUpdateAutomationKind } from './imageupdateautomation-v1.js';
import type { KindDefinition } from './kind-definition.js';
import { KustomizationKind } from './kustomize-v1.js';
import { ReceiverKind } from './notification-v1.js';
import { AlertKind, ProviderKind } from './notification-v1beta3.js';
import { OCIRepositoryKind } from './ocirepository-v1.js';
import { GitRepositoryKind } from './source-v1.js';

/**
 * The kind registry: every Flux kind Tideline serves, in `flux get all` order. The CRDs, the
 * server's watch cache and DTOs, the CLI's nouns and tables, the graph's edges and the
 * dashboard's screens are all derived from this one list. Adding a kind is its API file, its
 * `controllers/<kind>/` folder, and one line here.
 */
export const FLUX_KINDS = [
  OCIRepositoryKind,
  GitRepositoryKind,
  HelmRepositoryKind,
  HelmChartKind,
  ImageRepositoryKind,
  ImagePolicyKind,
  ImageUpdateAutomationKind,
  HelmReleaseKind,
  KustomizationKind,
  ReceiverKind,
  ProviderKind,
  AlertKind,
] as const;

/** The name of a registered kind (`'GitRepository' | 'Kustomization' | …`). */
export type FluxKindName = (typeof FLUX_KINDS)[number]['kind'];

/** The names of the registered kinds, in `flux get all` order. */
export const FLUX_KIND_NAMES = FLUX_KINDS.map((def) => def.kind) as unknown as readonly [
  FluxKindName,
  ...FluxKindName[],
];

const BY_NAME: ReadonlyMap<string, KindDefinition> = new Map(FLUX_KINDS.map((def) => [def.kind, def]));

/** The registry entry of a kind, or undefined for a kind Tideline does not serve. Pure. */
export function kindDefinition(kind: string): KindDefinition | undefined {
  return BY_NAME.get(kind);
}

/** True when `kind` names a registered kind. Pure. */
export function isFluxKindName(kind: string): kind is FluxKindName {
  return BY_NAME.has(kind);
}

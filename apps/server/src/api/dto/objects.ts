import type { FluxKindName, NodeState } from '@tideline/core';
import { FLUX_KIND_NAMES } from '@tideline/core';

/** The Flux kinds the API knows: the kind registry's, in `flux get all` order. */
export const FLUX_KINDS = FLUX_KIND_NAMES;
/** One of {@link FLUX_KINDS}. */
export type FluxKind = FluxKindName;

/** A status condition, as Flux writes it. */
export interface ConditionDto {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** The summary state the UI colours by. */
export type ReadyState = NodeState;

/** A row of the overview: one Flux object. */
export interface FluxObjectSummary {
  /** `<Kind>/<namespace>/<name>`: stable identity across the API. */
  id: string;
  kind: FluxKind;
  namespace: string;
  name: string;
  /** Ready condition status, `Unknown` when absent. */
  ready: ConditionDto['status'];
  readyReason: string;
  readyMessage: string;
  state: ReadyState;
  /** Artifact revision (sources) or last applied revision (Kustomizations). */
  revision: string;
  suspended: boolean;
  /** Who suspended it (`metadata.weave.works/suspended-by`), when recorded. */
  suspendedBy?: string;
  /** Why (`metadata.weave.works/suspended-comment`), when given. */
  suspendedComment?: string;
  /** lastTransitionTime of Ready. */
  lastTransition?: string;
  /** status.lastHandledReconcileAt. */
  lastHandledReconcileAt?: string;
  generation: number;
  observedGeneration: number;
  resourceVersion: string;
  /** Live state differs from the last apply, as far as anyone looked (absent when not known to). */
  drift?: DriftDto;
}

/**
 * A passive drift mark: helm-controller's `Drifted=True`, or the last desired-vs-live diff of a
 * Kustomization that found changes at the applied revision (computed when someone opens the
 * diff, never in the background; cleared by a new revision or a reconcile since).
 */
export interface DriftDto {
  by: 'helm-controller' | 'diff';
  message: string;
  /** When it was found. */
  at?: string;
}

/**
 * Every object's summary and the live stream's position when they were read: a stream
 * subscribed from `cursor` delivers exactly the changes after this list, so nothing is missed
 * and no snapshot is needed (Kubernetes' list-then-watch from a resourceVersion).
 */
export interface ObjectsSnapshotDto {
  items: FluxObjectSummary[];
  cursor: string;
}

/** The actions the API offers on an object (`force` and `reset` on HelmReleases only). */
export type ActionName = 'suspend' | 'resume' | 'reconcile' | 'force' | 'reset';

/** One inventory entry, parsed. */
export interface InventoryItemDto {
  id: string;
  version: string;
  kind: string;
  group: string;
  namespace: string;
  name: string;
}

/** A source's artifact as the detail page shows it (never its URL: that carries a secret prefix). */
export interface SourceArtifactDto {
  revision: string;
  digest?: string;
  size?: number;
  lastUpdateTime?: string;
  /** GitRepositories: the subject of the commit, from source-controller's NewArtifact Event. */
  commitMessage?: string;
}

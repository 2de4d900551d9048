/**
 * What the API returns: plain, serialisable views of cluster objects. The web app imports
 * these as types only. Secrets never appear here: only Flux objects and Events are exposed.
 */

import type {
  DisplayFact,
  EdgeType,
  FluxKindName,
  NodeState,
  RootCause,
  ViewNodeType,
  WorkloadMember,
} from '@tideline/core';
import { FLUX_KIND_NAMES } from '@tideline/core';
import type { Role } from '../auth/roles.js';

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
  /** lastTransitionTime of Ready. */
  lastTransition?: string;
  /** status.lastHandledReconcileAt. */
  lastHandledReconcileAt?: string;
  generation: number;
  observedGeneration: number;
  resourceVersion: string;
}

/** One inventory entry, parsed. */
export interface InventoryItemDto {
  id: string;
  version: string;
  kind: string;
  group: string;
  namespace: string;
  name: string;
}

/** A core/v1 Event about a Flux object. */
export interface EventDto {
  uid: string;
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `<Kind>/<name>` as `flux events` prints it. */
  object: string;
  objectId: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source: string;
}

/** Everything the detail page shows. */
export interface FluxObjectDetail extends FluxObjectSummary {
  conditions: ConditionDto[];
  inventory: InventoryItemDto[];
  events: EventDto[];
  /** The object's spec as YAML (Flux objects carry no secret values). */
  specYaml: string;
  sourceRef?: string;
  dependsOn: string[];
  /** Kind-specific facts from the kind registry (chart, latest tag, last push, …). */
  facts: DisplayFact[];
}

/** A node of the drawn delivery graph: one Flux object, an applier's workloads of one kind, or "N more". */
export interface GraphNodeDto {
  /** `<Kind>/<namespace>/<name>` for objects; opaque but stable for workloads and groups. */
  id: string;
  type: ViewNodeType;
  kind: string;
  namespace: string;
  name: string;
  state: ReadyState;
  /** How the accessible list names it (`Kustomization flux-system/apps`, `Deployment ×3`, …). */
  label: string;
  /** The node's id in the Mermaid text (the drawn SVG's `flowchart-<mermaidId>-<n>` element). */
  mermaidId: string;
  /** How many objects it stands for, and how many in each state (groups). */
  count: number;
  states?: Partial<Record<ReadyState, number>>;
  /** Objects: the Ready reason and message. Workloads: the worst object's kstatus. */
  reason?: string;
  message?: string;
  /** The applier a workloads (or hidden workloads) node belongs to. */
  applier?: string;
  /** A workloads node's first objects, with their kstatus health. */
  members?: WorkloadMember[];
}

/** An edge of the drawn delivery graph. */
export interface GraphEdgeDto {
  from: string;
  to: string;
  type: EdgeType;
}

/** Why an object is not Ready: the chain from it to the first failing link (core's `explainNotReady`). */
export type RootCauseDto = RootCause;

/** The drawn delivery graph, its Mermaid text (structure only; labels escaped), and what it left out. */
export interface GraphDto {
  nodes: GraphNodeDto[];
  edges: GraphEdgeDto[];
  mermaid: string;
  /** Flux objects in scope (after filters and focus), and how many of them are in "N more" groups. */
  objects: number;
  hidden: number;
  /** The node budget applied. */
  budget: number;
  /** The explanation asked for with `explain`, its path drawn whatever the budget. */
  explanation?: RootCauseDto;
}

/** Who reconciles the cluster the dashboard shows, and what Tideline's engine is doing. */
export interface SystemStatusDto {
  /** `engine`: Tideline's engine runs in this server; `observe`: it only watches (`--observe`). */
  mode: 'engine' | 'observe';
  /** `active`: Tideline reconciles; `standby`: its engine waits (Flux runs, or another engine leads). */
  phase: 'starting' | 'active' | 'standby' | 'observing';
  /** What is going on, in words a user can act on. */
  message: string;
  /** Flux's controllers seen at work in the cluster. */
  fluxControllers: string[];
}

/** What the live stream yields. */
export type StreamMessage =
  | { type: 'object'; object: FluxObjectSummary }
  | { type: 'deleted'; id: string }
  | { type: 'event'; event: EventDto }
  | { type: 'system'; status: SystemStatusDto };

/** A role of Tideline's access policy. */
export type RoleName = Role;

/** The caller: who it is and its role, everywhere or per namespace (the dashboard hides what it may not do). */
export interface MeDto {
  subject: string;
  via: 'session' | 'bearer';
  /** The role in every namespace; null when limited to `namespaces`. */
  everywhere: RoleName | null;
  namespaces: { namespace: string; role: RoleName }[];
}

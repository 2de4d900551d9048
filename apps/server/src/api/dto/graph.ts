import type { EdgeType, RootCause, ViewNodeType, WorkloadMember } from '@tideline/core';
import type { ReadyState } from './objects.js';

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

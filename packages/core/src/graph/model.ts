import type { EdgeType, FluxObjectView, GraphWorld, KindObjectRef } from '../api/kind-definition.js';
import { kindDefinition } from '../api/registry.js';
import type { NodeState } from './state-palette.js';

export type { EdgeType } from '../api/kind-definition.js';
export type { NodeState } from './state-palette.js';

/** A Flux object in the graph. */
export interface GraphNode {
  /** `<Kind>/<namespace>/<name>`. */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  state: NodeState;
  /** The Ready condition's status, whatever `spec.suspend` says (the root-cause walk reads it). */
  ready: ReadyStatus;
  /** The Ready condition's reason and message ('' when absent). */
  reason: string;
  message: string;
  /** `metadata.creationTimestamp` in epoch ms (0 when absent): new objects are drawn last, so others keep their places. */
  created: number;
}

/** A Ready condition's status. */
export type ReadyStatus = 'True' | 'False' | 'Unknown';

/** A directed edge: `from` feeds, is depended on by, or contains `to`. */
export interface GraphEdge {
  from: string;
  to: string;
  type: EdgeType;
}

/** The delivery graph. */
export interface DeliveryGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The fields of a Flux object the graph reads. */
export interface GraphInput extends FluxObjectView {
  metadata: FluxObjectView['metadata'] & { creationTimestamp?: string };
  spec?: { suspend?: boolean; [field: string]: unknown };
  status?: {
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    [field: string]: unknown;
  };
}

/** The id of a node. Pure. */
export function nodeId(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

const idOf = (ref: KindObjectRef): string => nodeId(ref.kind, ref.namespace, ref.name);

/** ready / failed / progressing / suspended / unknown from spec.suspend and conditions. Pure. */
export function nodeState(obj: GraphInput): NodeState {
  if (obj.spec?.suspend) return 'suspended';
  const conditions = obj.status?.conditions ?? [];
  if (
    conditions.some((c) => c.type === 'Reconciling' && c.status === 'True') &&
    !conditions.some((c) => c.type === 'Ready' && c.status === 'False')
  ) {
    return 'progressing';
  }
  const ready = conditions.find((c) => c.type === 'Ready');
  // Alert and Provider have no status in Flux: `flux get` prints them Ready, and so does the graph.
  if (!ready && kindDefinition(obj.kind)?.cli.staticReady?.ready === 'True') return 'ready';
  if (ready?.status === 'True') return 'ready';
  if (ready?.status === 'False') return 'failed';
  return ready ? 'progressing' : 'unknown';
}

/** The Ready condition as the graph reads it; kinds without status (Alert, Provider) read Ready. Pure. */
export function readyOf(obj: GraphInput): { ready: ReadyStatus; reason: string; message: string } {
  const ready = obj.status?.conditions?.find((c) => c.type === 'Ready');
  if (!ready) {
    const fixed = kindDefinition(obj.kind)?.cli.staticReady;
    return fixed?.ready === 'True'
      ? { ready: 'True', reason: '', message: fixed.message }
      : { ready: 'Unknown', reason: '', message: '' };
  }
  const status: ReadyStatus = ready.status === 'True' || ready.status === 'False' ? ready.status : 'Unknown';
  return { ready: status, reason: ready.reason ?? '', message: ready.message ?? '' };
}

function createdMs(obj: GraphInput): number {
  const ms = Date.parse(obj.metadata.creationTimestamp ?? '');
  return Number.isFinite(ms) ? ms : 0;
}

/**
 * Builds the graph from the edges each kind's registry entry contributes (sources, `dependsOn`,
 * inventories, image policies, alerts, …). Edges to objects that do not exist are dropped;
 * node and edge order is stable (sorted). Pure.
 */
export function buildDeliveryGraph(objects: readonly GraphInput[]): DeliveryGraph {
  const nodes = objects
    .map((o) => {
      const namespace = o.metadata.namespace ?? '';
      return {
        id: nodeId(o.kind, namespace, o.metadata.name),
        kind: o.kind,
        namespace,
        name: o.metadata.name,
        state: nodeState(o),
        ...readyOf(o),
        created: createdMs(o),
      };
    })
    .sort((a, b) => compareText(a.id, b.id));
  const ids = new Set(nodes.map((n) => n.id));
  const byKind = new Map<string, GraphInput[]>();
  for (const o of objects) {
    const list = byKind.get(o.kind);
    if (list) list.push(o);
    else byKind.set(o.kind, [o]);
  }
  const world: GraphWorld = { list: (kind) => byKind.get(kind) ?? [] };
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    for (const edge of kindDefinition(o.kind)?.edges(o, world) ?? []) {
      const from = idOf(edge.from);
      const to = idOf(edge.to);
      const key = `${from}|${to}|${edge.type}`;
      if (from === to || !ids.has(from) || !ids.has(to) || seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to, type: edge.type });
    }
  }
  edges.sort((a, b) => compareText(`${a.from}|${a.to}|${a.type}`, `${b.from}|${b.to}|${b.type}`));
  return { nodes, edges };
}

/** Code-unit order: the same on every machine and locale, and cheaper than `localeCompare`. Pure. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

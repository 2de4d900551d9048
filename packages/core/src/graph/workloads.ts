import { parseInventoryEntry, type ObjectIdentity } from '../api/inventory-id.js';
import { kindDefinition } from '../api/registry.js';
import { nodeId, type GraphInput } from './model.js';
import type { NodeState } from './state-palette.js';
import {
  countStates,
  MAX_LISTED_MEMBERS,
  worstState,
  type ViewEdge,
  type ViewNode,
  type WorkloadMember,
} from './view-model.js';

/**
 * An applier's inventory (Kustomization, HelmRelease) drawn as workloads: one node per kind
 * ("Deployment ×3") with the kstatus health of its objects, when known. Flux objects in an
 * inventory are graph nodes of their own (inventory edges), so they are left out here. Pure.
 */

/** kstatus statuses (fluxcd/cli-utils), as `kube/health` computes them. */
export type WorkloadStatus = 'Current' | 'InProgress' | 'Failed' | 'Terminating' | 'NotFound' | 'Unknown';

/** The health of one inventory object. */
export interface WorkloadHealth {
  status: WorkloadStatus;
  message: string;
}

/** Health by object id (`<Kind>/<namespace>/<name>`); undefined when not looked up. */
export type HealthLookup = (id: string) => WorkloadHealth | undefined;

const FLUX_GROUP = /\.toolkit\.fluxcd\.io$/;

/** How a kstatus status is coloured: NotFound is an object missing from the cluster (drift). Pure. */
export function workloadState(health: WorkloadHealth | undefined): NodeState {
  switch (health?.status) {
    case 'Current':
      return 'ready';
    case 'Failed':
    case 'NotFound':
      return 'failed';
    case 'InProgress':
    case 'Terminating':
      return 'progressing';
    default:
      return 'unknown';
  }
}

/** The non-Flux objects of an applier's `status.inventory`, parsed; malformed entries skipped. Pure. */
export function inventoryWorkloads(applier: GraphInput): ObjectIdentity[] {
  if (!kindDefinition(applier.kind)?.traits.inventory) return [];
  const inventory = applier.status?.inventory as { entries?: { id: string; v: string }[] } | undefined;
  return (inventory?.entries ?? []).flatMap((entry) => {
    try {
      const id = parseInventoryEntry(entry);
      return FLUX_GROUP.test(id.group) ? [] : [id];
    } catch {
      return [];
    }
  });
}

/** The id of a workloads node: the applier's id, then the group and kind. Pure. */
export function workloadsNodeId(applierId: string, group: string, kind: string): string {
  return `${applierId}#${group}/${kind}`;
}

/** An applier's inventory as one workloads node per kind, each joined to the applier. Pure. */
export function workloadGroups(
  applier: GraphInput,
  health: HealthLookup = () => undefined,
): { nodes: ViewNode[]; edges: ViewEdge[] } {
  const applierId = nodeId(applier.kind, applier.metadata.namespace ?? '', applier.metadata.name);
  const byKind = new Map<string, WorkloadMember[]>();
  for (const obj of inventoryWorkloads(applier)) {
    const id = nodeId(obj.kind, obj.namespace, obj.name);
    const known = health(id);
    const member: WorkloadMember = {
      id,
      namespace: obj.namespace,
      name: obj.name,
      state: workloadState(known),
      ...(known ? { status: known.status, message: known.message } : {}),
    };
    const key = workloadsNodeId(applierId, obj.group, obj.kind);
    const list = byKind.get(key);
    if (list) list.push(member);
    else byKind.set(key, [member]);
  }
  const created = Date.parse(applier.metadata.creationTimestamp ?? '');
  const nodes = [...byKind].map(([id, members]): ViewNode => {
    const kind = id.slice(id.lastIndexOf('/') + 1);
    const worst = worstState(members.map((m) => m.state));
    const example = members.find((m) => m.state === worst && m.message);
    return {
      id,
      type: 'workloads',
      kind,
      namespace: applier.metadata.namespace ?? '',
      name: '',
      state: worst,
      count: members.length,
      states: countStates(members.map((m) => m.state)),
      ...(example ? { reason: example.status, message: `${example.name}: ${example.message}` } : {}),
      applier: applierId,
      members: members.slice(0, MAX_LISTED_MEMBERS),
      order: Number.isFinite(created) ? created : 0,
    };
  });
  nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { nodes, edges: nodes.map((n) => ({ from: applierId, to: n.id, type: 'inventory' })) };
}

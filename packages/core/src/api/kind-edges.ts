import { parseInventoryEntry } from './inventory-id.js';
import type { FluxObjectView, KindEdge, KindObjectRef } from './kind-definition.js';

/**
 * Edge builders shared by registry entries. Each reads one field the way Flux resolves it (a
 * missing namespace is the object's own) and returns edges even to objects that may not exist:
 * the graph drops those. Pure.
 */

const FLUX_GROUP = /\.toolkit\.fluxcd\.io$/;

interface RefField {
  kind?: unknown;
  name?: unknown;
  namespace?: unknown;
}

/** The graph reference of an object. Pure. */
export function refOf(obj: FluxObjectView): KindObjectRef {
  return { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
}

/** A typed reference from a spec field, resolved against the object's namespace. Pure. */
export function refFrom(obj: FluxObjectView, field: unknown, kind?: string): KindObjectRef | undefined {
  if (!field || typeof field !== 'object') return undefined;
  const ref = field as RefField;
  const refKind = kind ?? ref.kind;
  if (typeof refKind !== 'string' || typeof ref.name !== 'string') return undefined;
  const namespace = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : undefined;
  return { kind: refKind, namespace: namespace ?? obj.metadata.namespace ?? '', name: ref.name };
}

/** `spec.sourceRef` → this object. Pure. */
export function sourceRefEdges(obj: FluxObjectView): KindEdge[] {
  const from = refFrom(obj, obj.spec?.sourceRef);
  return from ? [{ from, to: refOf(obj), type: 'source' }] : [];
}

/** Each `spec.dependsOn` entry (same kind) → this object. Pure. */
export function dependsOnEdges(obj: FluxObjectView): KindEdge[] {
  const deps = Array.isArray(obj.spec?.dependsOn) ? (obj.spec.dependsOn as unknown[]) : [];
  return deps.flatMap((dep) => {
    const from = refFrom(obj, dep, obj.kind);
    return from ? [{ from, to: refOf(obj), type: 'dependsOn' as const }] : [];
  });
}

/** This object → each Flux object in `status.inventory` (so `flux-system` → `apps`). Pure. */
export function inventoryEdges(obj: FluxObjectView): KindEdge[] {
  const inventory = obj.status?.inventory as { entries?: { id: string; v: string }[] } | undefined;
  return (inventory?.entries ?? []).flatMap((entry) => {
    try {
      const id = parseInventoryEntry(entry);
      if (!FLUX_GROUP.test(id.group)) return [];
      return [
        {
          from: refOf(obj),
          to: { kind: id.kind, namespace: id.namespace, name: id.name },
          type: 'inventory' as const,
        },
      ];
    } catch {
      return []; // a malformed entry is not an edge
    }
  });
}

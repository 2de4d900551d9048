import type { EdgeType } from '@tideline/core';
import type { ImpactDto } from '../api/dto.js';

/** What {@link impactOf} reads: the delivery graph's edges (`from` feeds/contains/is depended on by `to`). */
export interface ImpactInput {
  edges: readonly { from: string; to: string; type: EdgeType }[];
  /** Inventory entry count per object id. */
  inventory: ReadonlyMap<string, number>;
}

/**
 * The blast radius of suspending `ids`: per object, its inventory size and what it feeds
 * directly; together, every object downstream of them (following edges out, transitively,
 * cycles safe) and their total inventory. Pure.
 */
export function impactOf(ids: readonly string[], input: ImpactInput): ImpactDto {
  const out = new Map<string, { id: string; type: EdgeType }[]>();
  for (const edge of input.edges) {
    const list = out.get(edge.from) ?? [];
    list.push({ id: edge.to, type: edge.type });
    out.set(edge.from, list);
  }
  const selected = new Set(ids);
  const seen = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const next of out.get(id) ?? []) {
      if (seen.has(next.id) || selected.has(next.id)) continue;
      seen.add(next.id);
      queue.push(next.id);
    }
  }
  const objects = ids.map((id) => ({
    id,
    inventory: input.inventory.get(id) ?? 0,
    direct: [...(out.get(id) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }));
  return {
    objects,
    downstream: [...seen].sort(),
    inventoryTotal: objects.reduce((sum, o) => sum + o.inventory, 0),
  };
}

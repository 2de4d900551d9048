import { stateLook } from '@tideline/core/browser';
import type { GraphNodeDto, ReadyState, RootCauseDto } from '@tideline/server';

/** A node's role on a root-cause path. */
export type PathRole = 'target' | 'link' | 'cause' | 'automation';

/** How one drawn node looks now. */
export interface NodeLook {
  mermaidId: string;
  state: ReadyState;
  path?: PathRole;
  /** The tooltip: what it is, its state, and why. */
  title: string;
}

/** What to change on the drawn SVG: no layout, only attributes. */
export interface DrawingPlan {
  nodes: NodeLook[];
  /** Mermaid ids whose state changed since the last plan: they pulse once. */
  pulse: string[];
  /** Edges on the root-cause path, as `<from mermaid id>><to mermaid id>`. */
  pathEdges: string[];
}

/** The tooltip of a node. Pure. */
export function nodeTitle(node: GraphNodeDto): string {
  const state = stateLook(node.state).label;
  const counts =
    node.type === 'object'
      ? ''
      : ` (${Object.entries(node.states ?? {})
          .map(([s, n]) => `${n} ${stateLook(s).label.toLowerCase()}`)
          .join(', ')})`;
  const why = [node.reason, node.message].filter(Boolean).join(': ');
  return `${node.label} — ${state}${counts}${why ? ` — ${why}` : ''}`;
}

/** Each node's role on the path: the target, links between, the cause last, the automation aside. Pure. */
export function pathRoles(explanation: RootCauseDto | undefined): Map<string, PathRole> {
  const roles = new Map<string, PathRole>();
  if (!explanation || explanation.ready) return roles;
  explanation.chain.forEach((link, i) => {
    if (!link.nodeId) return;
    const last = i === explanation.chain.length - 1;
    roles.set(link.nodeId, i === 0 && !last ? 'target' : last ? 'cause' : 'link');
  });
  if (explanation.automation) roles.set(explanation.automation.id, 'automation');
  return roles;
}

/**
 * The attributes that show states, the pulse of what changed, and the root-cause path on an
 * SVG that is already drawn. `previous` holds each node id's state at the last plan. Pure.
 */
export function drawingPlan(
  nodes: readonly GraphNodeDto[],
  explanation: RootCauseDto | undefined,
  previous: ReadonlyMap<string, ReadyState>,
): DrawingPlan {
  const roles = pathRoles(explanation);
  const mids = new Map(nodes.map((n) => [n.id, n.mermaidId]));
  const looks = nodes.map((n): NodeLook => {
    const path = roles.get(n.id);
    return { mermaidId: n.mermaidId, state: n.state, ...(path ? { path } : {}), title: nodeTitle(n) };
  });
  const pulse = nodes
    .filter((n) => previous.has(n.id) && previous.get(n.id) !== n.state)
    .map((n) => n.mermaidId);
  const pathEdges: string[] = [];
  const chain = explanation && !explanation.ready ? explanation.chain : [];
  for (let i = 1; i < chain.length; i++) {
    const a = mids.get(chain[i - 1]?.nodeId ?? '');
    const b = mids.get(chain[i]?.nodeId ?? '');
    // Edges run from what feeds to what is fed; a workload hangs below its applier.
    if (a && b) pathEdges.push(`${b}>${a}`, `${a}>${b}`);
  }
  const automation = explanation?.automation;
  const auto = mids.get(automation?.id ?? '');
  const pushedTo = mids.get(automation?.source ?? '');
  if (auto && pushedTo) pathEdges.push(`${auto}>${pushedTo}`);
  return { nodes: looks, pulse, pathEdges };
}

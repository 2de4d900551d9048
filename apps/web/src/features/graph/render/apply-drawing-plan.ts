import type { DrawingPlan } from '../selectors/drawing-plan';
import { edgeEndsFromDataId, mermaidIdFromDomId } from '../selectors/dom-ids';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PULSE_MS = 1300;

/** The drawn nodes by Mermaid id. */
export function drawnNodes(root: ParentNode): Map<string, SVGGElement> {
  const nodes = new Map<string, SVGGElement>();
  for (const g of root.querySelectorAll<SVGGElement>('g.node')) {
    const mid = mermaidIdFromDomId(g.id);
    if (mid) nodes.set(mid, g);
  }
  return nodes;
}

/**
 * Restyles an SVG Mermaid already laid out: states, tooltips, the focus and the root-cause path
 * become attributes the graph's stylesheet reads; changed nodes pulse once. Nothing moves.
 */
export function applyDrawingPlan(root: ParentNode, plan: DrawingPlan, focusMermaidId?: string): void {
  const nodes = drawnNodes(root);
  for (const look of plan.nodes) {
    const g = nodes.get(look.mermaidId);
    if (!g) continue;
    g.setAttribute('data-state', look.state);
    if (look.path) g.setAttribute('data-path', look.path);
    else g.removeAttribute('data-path');
    if (look.mermaidId === focusMermaidId) g.setAttribute('data-focus', '');
    else g.removeAttribute('data-focus');
    let title = g.querySelector(':scope > title');
    if (!title) title = g.insertBefore(document.createElementNS(SVG_NS, 'title'), g.firstChild);
    // textContent: cluster strings never become markup.
    title.textContent = look.title;
  }
  for (const mid of plan.pulse) {
    const g = nodes.get(mid);
    if (!g) continue;
    g.classList.remove('tl-pulse');
    // Reading layout restarts the animation when a node changes twice in a row.
    void g.getBoundingClientRect();
    g.classList.add('tl-pulse');
    setTimeout(() => g.classList.remove('tl-pulse'), PULSE_MS);
  }
  const onPath = new Set(plan.pathEdges);
  for (const path of root.querySelectorAll<SVGPathElement>('path.flowchart-link')) {
    const ends = edgeEndsFromDataId(path.getAttribute('data-id') ?? '');
    path.classList.toggle('tl-path-edge', ends !== undefined && onPath.has(`${ends[0]}>${ends[1]}`));
  }
}

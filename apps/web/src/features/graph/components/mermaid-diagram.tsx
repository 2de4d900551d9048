'use client';

import type { GraphDto, GraphNodeDto, ReadyState } from '@tideline/server';
import { useLayoutEffect, useMemo, useRef, type MouseEvent, type ReactNode } from 'react';
import { useMermaidSvg } from '../hooks/use-mermaid-svg';
import { applyDrawingPlan } from '../render/apply-drawing-plan';
import { mermaidIdFromDomId } from '../selectors/dom-ids';
import { drawingPlan } from '../selectors/drawing-plan';
import { graphStyles } from '../selectors/graph-styles';

const CANVAS_ID = 'tideline-graph-canvas';
/** A wide graph shrinks to fit, but never below this share of its size: labels stay legible, the box scrolls. */
const MIN_SCALE = 0.6;

/** Sizes the drawn SVG: its natural width (Mermaid's max-width) when it fits, else shrunk, within bounds. */
function fitWidth(canvas: HTMLElement): void {
  const svg = canvas.querySelector('svg');
  const natural = Number.parseFloat(svg?.style.maxWidth ?? '');
  if (!svg || !Number.isFinite(natural)) return;
  const room = canvas.clientWidth - 32;
  svg.style.maxWidth = 'none';
  svg.style.width = `${Math.round(Math.max(natural * MIN_SCALE, Math.min(natural, room)))}px`;
}
const STYLES = graphStyles(`#${CANVAS_ID}`);

/**
 * The delivery graph drawn by Mermaid. A new layout happens only when the structure (the
 * Mermaid text) changes; states, tooltips, the focus and the root-cause path are attributes set
 * on the SVG already drawn, by node id, so a status change shows at once and nothing moves.
 * Clicks are found by event delegation (Mermaid's own click callbacks need a looser security
 * level). Keyboard and screen-reader users get the same nodes from the list beside the graph.
 */
export function MermaidDiagram({
  graph,
  focus,
  onNodeClick,
}: {
  graph: GraphDto;
  focus?: string;
  onNodeClick: (node: GraphNodeDto) => void;
}): ReactNode {
  const { svg, error, layouts, layoutMs } = useMermaidSvg(graph.mermaid);
  const canvas = useRef<HTMLDivElement>(null);
  const previous = useRef(new Map<string, ReadyState>());
  const byMermaidId = useMemo(() => new Map(graph.nodes.map((n) => [n.mermaidId, n])), [graph.nodes]);
  const focusMermaidId = graph.nodes.find((n) => n.id === focus)?.mermaidId;

  // The SVG is inserted by hand so that React never rewrites it (and drops the attributes below).
  useLayoutEffect(() => {
    if (canvas.current && svg) {
      canvas.current.innerHTML = svg;
      fitWidth(canvas.current);
    }
  }, [svg]);

  useLayoutEffect(() => {
    if (!canvas.current || !svg) return;
    applyDrawingPlan(
      canvas.current,
      drawingPlan(graph.nodes, graph.explanation, previous.current),
      focusMermaidId,
    );
    previous.current = new Map(graph.nodes.map((n) => [n.id, n.state]));
    performance.mark('tideline:graph-styled');
  }, [graph, svg, focusMermaidId]);

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    if (!(event.target instanceof Element)) return;
    const element = event.target.closest('g.node');
    const mid = element?.id ? mermaidIdFromDomId(element.id) : undefined;
    const node = mid ? byMermaidId.get(mid) : undefined;
    if (node) onNodeClick(node);
  };

  const summary = `${graph.nodes.length} nodes: ${graph.objects - graph.hidden} objects drawn${graph.hidden ? `, ${graph.hidden} in "more" groups` : ''}`;
  return (
    <figure
      aria-labelledby="graph-figure-caption"
      className="min-w-0 space-y-2"
      data-layouts={layouts}
      data-layout-ms={layoutMs}
    >
      <style>{STYLES}</style>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Could not draw the graph: {error}
        </p>
      ) : null}
      {svg ? null : error ? null : (
        <p role="status" className="text-sm text-gray-600">
          Drawing the graph…
        </p>
      )}
      <div
        id={CANVAS_ID}
        ref={canvas}
        role="img"
        aria-label={`Delivery graph, ${summary}. The lists beside it name every node and edge.`}
        // A wide graph scrolls inside its box: keyboard users reach the scroll too (axe's
        // scrollable-region-focusable).
        tabIndex={0}
        onClick={onClick}
        hidden={!svg}
        className="max-h-[75vh] overflow-auto rounded-lg border border-gray-200 bg-white p-4 [&_g.node]:cursor-pointer [&_svg]:mx-auto [&_svg]:h-auto"
      />
      <figcaption id="graph-figure-caption" className="text-xs text-gray-500">
        Delivery graph. Click an object to narrow the graph to it; a dashed box stands for objects left out.
        Solid arrows: source; dotted: depends on, pushes to, notifies; thick: applies.
      </figcaption>
    </figure>
  );
}

'use client';

import type { GraphNodeDto } from '@tideline/server';
import { useRouter } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';
import { objectHref, toObjectKey } from '../../objects/selectors/object-key';
import { useMermaidSvg } from '../hooks/use-mermaid-svg';
import { nodeIndexFromDomId } from '../selectors/node-from-dom-id';

/**
 * The delivery graph drawn by Mermaid. A click on a node opens its detail page, found by event
 * delegation: the node's `<g>` id carries `n<index>` into `nodes`. Keyboard and screen-reader
 * users get the same links from the lists beside the graph.
 */
export function MermaidDiagram({ text, nodes }: { text: string; nodes: readonly GraphNodeDto[] }): ReactNode {
  const router = useRouter();
  const { svg, renderedText, error } = useMermaidSvg(text);

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    // While a re-render runs, the SVG on screen may number nodes differently.
    if (renderedText !== text || !(event.target instanceof Element)) return;
    const element = event.target.closest('g.node');
    const index = element?.id ? nodeIndexFromDomId(element.id) : undefined;
    const node = index === undefined ? undefined : nodes[index];
    const key = node ? toObjectKey(node.kind, node.namespace, node.name) : undefined;
    if (key) router.push(objectHref(key));
  };

  return (
    <figure className="min-w-0 space-y-2">
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Could not draw the graph: {error}
        </p>
      ) : null}
      {svg ? (
        <div
          className="overflow-auto rounded-lg border border-gray-200 bg-white p-4 [&_g.node]:cursor-pointer [&_svg]:mx-auto [&_svg]:h-auto [&_svg]:max-w-full"
          onClick={onClick}
          // The only raw HTML in the app: Mermaid's own output, sanitised by Mermaid
          // (securityLevel 'strict', DOMPurify) from text whose labels the server escaped.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : error ? null : (
        <p role="status" className="text-sm text-gray-600">
          Drawing the graph…
        </p>
      )}
      <figcaption className="text-xs text-gray-500">
        Click a node to open it. Solid arrows: source; dotted: depends on; thick: applied by.
      </figcaption>
    </figure>
  );
}

import type { GraphDto } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { objectHref, toObjectKey } from '../../objects/selectors/object-key';
import { StateBadge } from '../../status/components/state-badge';
import { EDGE_TYPE_LABELS, edgeRows, nodeName } from '../selectors/graph-rows';

/** The graph as two lists, objects (linked) and edges: the graph's accessible equivalent. */
export function GraphLists({ graph }: { graph: GraphDto }): ReactNode {
  const edges = edgeRows(graph);
  return (
    <div className="space-y-6">
      <section aria-labelledby="graph-objects-heading" className="space-y-2">
        <h2 id="graph-objects-heading" className="text-lg font-semibold">
          Objects in the graph
        </h2>
        <ul className="space-y-1 text-sm">
          {graph.nodes.map((node) => {
            const key = toObjectKey(node.kind, node.namespace, node.name);
            const name = (
              <>
                <span className="text-gray-500">{node.kind}</span> {nodeName(node)}
              </>
            );
            return (
              <li key={node.id} className="flex items-center gap-2">
                <StateBadge state={node.state} />
                {key ? (
                  <Link href={objectHref(key)} className="text-blue-700 hover:underline">
                    {name}
                  </Link>
                ) : (
                  <span>{name}</span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="graph-edges-heading" className="space-y-2">
        <h2 id="graph-edges-heading" className="text-lg font-semibold">
          Edges
        </h2>
        {edges.length === 0 ? (
          <p className="text-sm text-gray-600">No edges.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {edges.map((edge) => (
              <li key={edge.key}>
                <span>{edge.text}</span>{' '}
                <span className="text-xs text-gray-500">
                  ({edge.kinds}, {EDGE_TYPE_LABELS[edge.type]})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

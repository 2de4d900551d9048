import type { GraphDto, GraphNodeDto } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { objectHref, parseObjectId } from '../../objects/selectors/object-key';
import { StateBadge } from '../../status/components/state-badge';
import { EDGE_TYPE_LABELS, edgeRows, groupListHref, stateCounts } from '../selectors/graph-rows';

/** One node of the list: what it is, its state, and what can be done with it. */
function NodeItem({
  node,
  onFocus,
}: {
  node: GraphNodeDto;
  onFocus: (node: GraphNodeDto) => void;
}): ReactNode {
  const key = node.type === 'object' ? parseObjectId(node.id) : undefined;
  return (
    <li className="flex flex-wrap items-center gap-2">
      <StateBadge state={node.state} title={node.message} />
      {key ? (
        <Link href={objectHref(key)} className="text-blue-700 hover:underline">
          {node.label}
        </Link>
      ) : node.type === 'more' ? (
        <Link href={groupListHref(node)} className="text-blue-700 hover:underline">
          {node.label}
        </Link>
      ) : (
        <span>{node.label}</span>
      )}
      {node.type !== 'object' ? (
        <span className="text-xs text-gray-500">({stateCounts(node.states)})</span>
      ) : null}
      {node.type === 'object' ? (
        <button
          type="button"
          onClick={() => onFocus(node)}
          aria-label={`Focus the graph on ${node.label}`}
          className="rounded border border-gray-300 px-1.5 text-xs text-gray-700 hover:bg-gray-100"
        >
          Focus
        </button>
      ) : null}
      {node.type === 'workloads' && node.members?.length ? (
        <details className="w-full pl-6 text-xs text-gray-600">
          <summary className="cursor-pointer">Objects of {node.label}</summary>
          <ul>
            {node.members.map((m) => (
              <li key={m.id} className="flex items-center gap-2">
                <StateBadge state={m.state} title={m.message} />
                <span>
                  {m.namespace ? `${m.namespace}/` : ''}
                  {m.name}
                </span>
                {m.status ? <span className="text-gray-500">{m.status}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

/**
 * The graph as two lists, nodes and edges: the drawing's accessible equivalent, in step with it
 * (same nodes, same states). Objects link to their page and can be focused; "N more" groups link
 * to the overview filtered to their kind and namespace.
 */
export function GraphLists({
  graph,
  onFocus,
}: {
  graph: GraphDto;
  onFocus: (node: GraphNodeDto) => void;
}): ReactNode {
  const edges = edgeRows(graph);
  return (
    <div className="space-y-6">
      <section aria-labelledby="graph-objects-heading" className="space-y-2">
        <h2 id="graph-objects-heading" className="text-lg font-semibold">
          Objects in the graph
        </h2>
        <ul className="space-y-1 text-sm">
          {graph.nodes.map((node) => (
            <NodeItem key={node.id} node={node} onFocus={onFocus} />
          ))}
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
                <span className="text-xs text-gray-500">({EDGE_TYPE_LABELS[edge.type]})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

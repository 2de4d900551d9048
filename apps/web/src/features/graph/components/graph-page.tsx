'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { QueryStatus } from '../../objects/components/query-status';
import { GraphLists } from './graph-lists';
import { MermaidDiagram } from './mermaid-diagram';

/**
 * `/graph`: sources → Kustomizations → what they apply, coloured by state. The live stream
 * refetches the graph (at most every 500 ms) when objects change; the diagram re-renders only
 * when its Mermaid text changes.
 */
export function GraphPage(): ReactNode {
  const trpc = useTRPC();
  const query = useQuery(trpc.graph.get.queryOptions());
  const graph = query.data;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Delivery graph</h1>
      <QueryStatus query={query} what="the delivery graph" />
      {graph && graph.nodes.length === 0 ? (
        <p className="text-sm text-gray-600">No Flux objects yet.</p>
      ) : null}
      {graph && graph.nodes.length > 0 ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <MermaidDiagram text={graph.mermaid} nodes={graph.nodes} />
          <GraphLists graph={graph} />
        </div>
      ) : null}
    </div>
  );
}

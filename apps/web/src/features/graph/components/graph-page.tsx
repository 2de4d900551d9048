'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { GraphNodeDto } from '@tideline/server';
import { useEffect, useMemo, type ReactNode } from 'react';
import { UNBATCHED } from '../../../trpc/create-trpc-client';
import { useTRPC } from '../../../trpc/trpc-context';
import { QueryStatus } from '../../objects/components/query-status';
import { useObjects } from '../../objects/hooks/use-objects';
import { useGraphParams } from '../hooks/use-graph-params';
import { preloadMermaid } from '../render/render-mermaid';
import { clickTarget, graphQueryInput } from '../selectors/graph-url';
import { FocusPanel } from './focus-panel';
import { GraphControls } from './graph-controls';
import { GraphLists } from './graph-lists';
import { MermaidDiagram } from './mermaid-diagram';
import { RootCausePanel } from './root-cause-panel';

// Mermaid is large: start loading it with this page's code, not after the page has rendered.
if (typeof window !== 'undefined') preloadMermaid();

/**
 * `/graph`: the cluster's delivery graph — sources → charts → releases and Kustomizations →
 * what they apply, dependencies, the image loop, notifications — coloured by state, within a
 * node budget, narrowed by the filters and focus in the URL. The live stream refetches it when
 * objects change; only a change of structure costs a new layout.
 */
export function GraphPage(): ReactNode {
  const trpc = useTRPC();
  const [params, setParams] = useGraphParams();
  // In its own request: batched with the live store's snapshot, the graph waited for every
  // object's summary to be serialized, sent and parsed first.
  const query = useQuery(
    trpc.graph.get.queryOptions(graphQueryInput(params), {
      placeholderData: keepPreviousData,
      trpc: { context: UNBATCHED },
    }),
  );
  // The namespaces from the store the live stream already holds, not a second full list.
  const { objects } = useObjects();
  const namespaces = useMemo(() => [...new Set((objects ?? []).map((o) => o.namespace))], [objects]);
  const graph = query.data;
  useEffect(() => {
    if (graph) performance.mark('tideline:graph-data');
  }, [graph]);
  const focused = graph?.nodes.find((n) => n.id === params.focus);
  const onNodeClick = (node: GraphNodeDto): void => setParams(clickTarget(params, node));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Delivery graph</h1>
      <GraphControls params={params} namespaces={namespaces} onChange={setParams} />
      <QueryStatus query={query} what="the delivery graph" />
      {graph ? (
        <p role="status" className="text-sm text-gray-600">
          {graph.objects === 0
            ? 'No Flux objects match.'
            : `Drawing ${graph.objects - graph.hidden} of ${graph.objects} objects` +
              (graph.hidden > 0
                ? ` — ${graph.hidden} more in dashed groups (at most ${graph.budget} nodes; failing objects first).`
                : '.')}
        </p>
      ) : null}
      {graph && graph.nodes.length > 0 ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <MermaidDiagram graph={graph} focus={params.focus} onNodeClick={onNodeClick} />
          <div className="space-y-4">
            {params.focus ? <FocusPanel params={params} node={focused} onChange={setParams} /> : null}
            {graph.explanation ? <RootCausePanel explanation={graph.explanation} /> : null}
            <GraphLists graph={graph} onFocus={onNodeClick} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

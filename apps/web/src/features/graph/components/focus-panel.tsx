import { DEFAULT_HOPS } from '@tideline/core/browser';
import type { GraphNodeDto } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { objectHref, parseObjectId } from '../../objects/selectors/object-key';
import { StateBadge } from '../../status/components/state-badge';
import type { GraphParams } from '../selectors/graph-url';

/** The focused object: its state and message, its page, and ways out of the focus. */
export function FocusPanel({
  params,
  node,
  onChange,
}: {
  params: GraphParams;
  /** The focused node, when the graph draws it. */
  node?: GraphNodeDto;
  onChange: (next: GraphParams) => void;
}): ReactNode {
  const key = params.focus ? parseObjectId(params.focus) : undefined;
  const { focus: _focus, explain: _explain, hops: _hops, ...unfocused } = params;
  const hops = params.hops ?? DEFAULT_HOPS;
  return (
    <section
      aria-labelledby="focus-heading"
      className="space-y-2 rounded-lg border border-gray-200 p-3 text-sm"
    >
      <h2 id="focus-heading" className="text-base font-semibold">
        Focused on {node?.label ?? params.focus}
      </h2>
      <p className="text-gray-600">
        Showing what feeds it and what it feeds, {hops} {hops === 1 ? 'hop' : 'hops'} each way.
      </p>
      {node ? (
        <p className="flex flex-wrap items-center gap-2">
          <StateBadge state={node.state} />
          <span className="min-w-0 wrap-anywhere text-gray-700">
            {[node.reason, node.message].filter(Boolean).join(': ') || 'No message.'}
          </span>
        </p>
      ) : (
        <p className="text-gray-600">This object is not in the graph (it may have been deleted).</p>
      )}
      <div className="flex flex-wrap gap-3">
        {key ? (
          <Link href={objectHref(key)} className="text-blue-700 hover:underline">
            Open its page
          </Link>
        ) : null}
        {node && node.state !== 'ready' && params.explain !== node.id ? (
          <button
            type="button"
            onClick={() => onChange({ ...params, explain: node.id })}
            className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-100"
          >
            Why not Ready?
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => onChange({ ...unfocused, namespaces: params.namespaces, kinds: params.kinds })}
          className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-100"
        >
          Show the whole graph
        </button>
      </div>
    </section>
  );
}

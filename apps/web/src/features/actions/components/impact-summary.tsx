'use client';

import { useQuery } from '@tanstack/react-query';
import { EDGE_TYPE_LABELS } from '@tideline/core/browser';
import type { ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import type { ObjectKey } from '../../objects/selectors/object-key';
import { parseObjectId } from '../../objects/selectors/object-key';

/** How many downstream objects the dialog names before summarising the rest. */
const NAMED = 8;

function label(id: string): string {
  const key = parseObjectId(id);
  return key ? `${key.kind} ${key.namespace}/${key.name}` : id;
}

/** The blast radius of suspending `objects`: what they feed or apply, and how much they manage. */
export function ImpactSummary({ objects }: { objects: readonly ObjectKey[] }): ReactNode {
  const trpc = useTRPC();
  const query = useQuery(trpc.audit.impact.queryOptions({ objects: [...objects] }, { staleTime: 0 }));
  if (query.isPending)
    return <p className="text-sm text-gray-600 dark:text-gray-300">Working out what depends on it…</p>;
  if (query.isError || !query.data)
    return (
      <p className="text-sm text-amber-800 dark:text-amber-300">Could not work out what depends on it.</p>
    );
  const { downstream, inventoryTotal, objects: each } = query.data;
  const direct = each.flatMap((o) => o.direct);
  return (
    <section aria-label="Blast radius" className="space-y-2 text-sm">
      <p>
        {inventoryTotal > 0 ? (
          <>
            <strong>{inventoryTotal}</strong> applied object{inventoryTotal === 1 ? '' : 's'} will no longer
            be reconciled (drift stays uncorrected, nothing is pruned).{' '}
          </>
        ) : null}
        <strong>{downstream.length}</strong> Flux object{downstream.length === 1 ? '' : 's'} downstream will
        stop receiving changes through {objects.length === 1 ? 'it' : 'them'}.
      </p>
      {direct.length > 0 ? (
        <ul className="max-h-40 list-disc space-y-0.5 overflow-auto pl-5">
          {direct.slice(0, NAMED).map((d) => (
            <li key={`${d.type}:${d.id}`}>
              {EDGE_TYPE_LABELS[d.type]} {label(d.id)}
            </li>
          ))}
          {direct.length > NAMED ? <li>and {direct.length - NAMED} more</li> : null}
        </ul>
      ) : null}
    </section>
  );
}

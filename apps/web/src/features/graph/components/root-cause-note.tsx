'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReadyState } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import type { ObjectKey } from '../../objects/selectors/object-key';
import { graphSearch } from '../selectors/graph-url';
import { RootCausePanel } from './root-cause-panel';

/**
 * For an object page: why the object is not Ready ("Not Ready because GitRepository
 * flux-system/apps: authentication failed …"), the chain behind it, and a link to the same path
 * drawn on the graph. Nothing while the object is Ready. The live stream keeps it current.
 */
export function RootCauseNote({ objectKey, state }: { objectKey: ObjectKey; state: ReadyState }): ReactNode {
  const trpc = useTRPC();
  const notReady = state !== 'ready';
  const query = useQuery({ ...trpc.graph.explain.queryOptions(objectKey), enabled: notReady });
  const explanation = query.data;
  if (!notReady || !explanation || explanation.ready) return null;
  const id = `${objectKey.kind}/${objectKey.namespace}/${objectKey.name}`;
  return (
    <div className="space-y-1">
      <RootCausePanel explanation={explanation} />
      <Link
        href={`/graph${graphSearch({ focus: id, explain: id, namespaces: [], kinds: [], expand: [], allWorkloads: false })}`}
        className="text-sm text-blue-700 hover:underline"
      >
        Show this path on the graph
      </Link>
    </div>
  );
}

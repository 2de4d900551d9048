'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { QueryStatus } from '../../objects/components/query-status';
import type { ObjectKey } from '../../objects/selectors/object-key';
import { AskButton } from './ask-button';

/**
 * A HelmRelease's merged values (`objects.values`), read when asked: the server reads the
 * ConfigMaps and Secrets it names and masks every Secret value (`***`) before merging, so no
 * Secret value reaches the browser.
 */
export function HelmValues({ objectKey }: { objectKey: ObjectKey }): ReactNode {
  const trpc = useTRPC();
  const [asked, setAsked] = useState(false);
  const query = useQuery({ ...trpc.objects.values.queryOptions(objectKey), enabled: asked, retry: false });
  const button = (
    <AskButton
      asked={asked}
      fetching={query.isFetching}
      onClick={() => (asked ? void query.refetch() : setAsked(true))}
      labels={{ ask: 'Show merged values', again: 'Read values again', busy: 'Reading values…' }}
    />
  );
  if (!asked) return button;
  if (!query.data)
    return <QueryStatus query={query} what="the merged values" onRetry={() => void query.refetch()} />;
  return (
    <div className="space-y-2">
      <pre
        tabIndex={0}
        aria-label="Merged values"
        className="overflow-x-auto rounded-lg border border-gray-200 bg-gray-900 p-3 font-mono text-xs text-gray-100 dark:border-gray-700"
      >
        {query.data.yaml || '# no values: the chart defaults apply'}
      </pre>
      {query.data.truncated ? <p className="text-xs">The values are longer than shown here.</p> : null}
      <p className="text-xs text-gray-700 dark:text-gray-300">
        Merged as helm-controller merges them: {query.data.sources.join(', then ')}. Values from Secrets show
        as ***.
      </p>
      {button}
    </div>
  );
}

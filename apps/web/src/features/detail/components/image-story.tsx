'use client';

import { useQuery } from '@tanstack/react-query';
import type { ImageStoryDto } from '@tideline/server';
import Link from 'next/link';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { useObjects } from '../../objects/hooks/use-objects';
import { QueryStatus } from '../../objects/components/query-status';
import { objectHref, parseObjectId, type ObjectKey } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';
import {
  storyFingerprint,
  storyObjectIds,
  storySteps,
  type StepState,
  type StoryStep,
} from '../selectors/image-story';

const MARK: Record<StepState, { symbol: string; label: string; className: string }> = {
  done: { symbol: '✓', label: 'done', className: 'text-green-700 dark:text-green-400' },
  waiting: { symbol: '…', label: 'waiting', className: 'text-amber-700 dark:text-amber-300' },
  none: { symbol: '–', label: 'nothing yet', className: 'text-gray-600 dark:text-gray-400' },
};

function ObjectLink({ id }: { id: string }): ReactNode {
  const key = parseObjectId(id);
  if (!key) return id;
  return (
    <Link
      href={objectHref(key)}
      prefetch={false}
      aria-label={`${key.kind} ${key.namespace}/${key.name}`}
      className="text-blue-700 underline dark:text-blue-300"
    >
      {key.kind} {key.namespace}/{key.name}
    </Link>
  );
}

function Step({ step }: { step: StoryStep }): ReactNode {
  const mark = MARK[step.state];
  return (
    <li className="flex gap-2">
      <span aria-hidden="true" className={`w-4 shrink-0 text-center font-bold ${mark.className}`}>
        {mark.symbol}
      </span>
      <span className="sr-only">{mark.label}: </span>
      <div className="min-w-0 space-y-1">
        <p>
          <span className="font-medium">{step.title}</span>
          {step.objectId ? (
            <>
              {' '}
              by <ObjectLink id={step.objectId} />
            </>
          ) : null}
          : <span className="break-all">{step.text}</span>
          {step.at ? (
            <>
              {' '}
              (<RelativeTime iso={step.at} />)
            </>
          ) : null}
        </p>
        {step.detail ? (
          <pre className="whitespace-pre-wrap rounded border border-gray-200 bg-gray-50 px-2 py-1 font-mono text-xs dark:border-gray-700 dark:bg-gray-900">
            {step.detail}
          </pre>
        ) : null}
      </div>
    </li>
  );
}

function Story({ story }: { story: ImageStoryDto }): ReactNode {
  const key = parseObjectId(story.policy);
  return (
    <section aria-label={`Image story of ${key ? `${key.namespace}/${key.name}` : story.policy}`}>
      <ol className="space-y-2 text-sm">
        {storySteps(story).map((step) => (
          <Step key={step.key} step={step} />
        ))}
      </ol>
    </section>
  );
}

/**
 * Image automation, one story on one page: the scan, the policy's choice, the automation's push
 * (with its commit message), the source's artifact, the apply and the Pods now running the image.
 * Read again when one of its objects changes in the live object store (never polled).
 */
export function ImageStory({ objectKey }: { objectKey: ObjectKey }): ReactNode {
  const trpc = useTRPC();
  const query = useQuery(trpc.objects.imageStories.queryOptions(objectKey));
  const { objects } = useObjects();
  const ids = useMemo(() => storyObjectIds(query.data ?? []), [query.data]);
  const fingerprint = useMemo(() => storyFingerprint(ids, objects), [ids, objects]);
  const seen = useRef(fingerprint);
  const { refetch } = query;
  useEffect(() => {
    if (seen.current === fingerprint) return;
    seen.current = fingerprint;
    void refetch();
  }, [fingerprint, refetch]);

  if (!query.data) return <QueryStatus query={query} what="the image story" onRetry={() => void refetch()} />;
  if (query.data.length === 0)
    return (
      <p className="text-sm text-gray-700 dark:text-gray-300">
        No ImagePolicy is connected to this object yet: an ImagePolicy names its ImageRepository in{' '}
        <code>spec.imageRepositoryRef</code>, and an ImageUpdateAutomation selects policies with{' '}
        <code>spec.policySelector</code>.
      </p>
    );
  return (
    <div className="space-y-4">
      {query.data.map((story) => (
        <Story key={story.policy} story={story} />
      ))}
      <button
        type="button"
        onClick={() => void refetch()}
        className="rounded-md border border-gray-300 px-2 py-1 text-sm hover:bg-gray-100 focus-visible:outline-2 dark:border-gray-600 dark:hover:bg-gray-800"
      >
        Look for Pods again
      </button>
    </div>
  );
}

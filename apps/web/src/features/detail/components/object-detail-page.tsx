'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { errorHttpStatus } from '../../../trpc/error-status';
import { useTRPC } from '../../../trpc/trpc-context';
import { ObjectActions } from '../../objects/components/object-actions';
import { QueryStatus } from '../../objects/components/query-status';
import { objectLabel, toObjectKey, type ObjectKey } from '../../objects/selectors/object-key';
import { RootCauseNote } from '../../graph/components/root-cause-note';
import { DetailSection } from './detail-section';
import { DesiredVsLive } from './desired-vs-live';
import { DetailSections } from './detail-sections';
import { HelmReleaseSection } from './helm-release-section';
import { ImageStory } from './image-story';
import { ProviderDeliveries, ReceiverCalls } from './notification-log';
import { ObjectAlerts } from './object-alerts';
import { ObjectAudit } from './object-audit';
import { ObjectTimeline } from './object-timeline';
import { ObjectFacts } from './object-facts';
import { hasImageStory } from '../selectors/image-story';

/** `/objects/[kind]/[namespace]/[name]`: one object, kept current by the live stream. */
export function ObjectDetailPage({
  kind,
  namespace,
  name,
}: {
  kind: string;
  namespace: string;
  name: string;
}): ReactNode {
  const key = toObjectKey(kind, namespace, name);
  if (!key) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Unknown object</h1>
        <p role="alert">This address does not name a Flux object the dashboard knows.</p>
        <BackLink />
      </div>
    );
  }
  return <ObjectDetail objectKey={key} />;
}

function ObjectDetail({ objectKey }: { objectKey: ObjectKey }): ReactNode {
  const trpc = useTRPC();
  const query = useQuery(trpc.objects.get.queryOptions(objectKey));
  const object = query.data;
  const notFound = query.isError && errorHttpStatus(query.error) === 404;

  return (
    <div className="space-y-6">
      <BackLink />
      <h1 className="text-2xl font-semibold">
        <span className="text-gray-600 dark:text-gray-400">{objectKey.kind}</span> {objectKey.namespace}/
        {objectKey.name}
      </h1>
      {notFound ? (
        <p
          role="alert"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {objectLabel(objectKey)} was not found. It may have been deleted.
        </p>
      ) : (
        <QueryStatus query={query} what={objectLabel(objectKey)} />
      )}
      {object ? (
        <>
          <div data-action-scope="page">
            <ObjectActions object={object} />
          </div>
          <ObjectFacts object={object} />
          <RootCauseNote objectKey={objectKey} state={object.state} />
          {object.helm ? (
            <DetailSection id="section-helm" title="Helm release">
              <HelmReleaseSection helm={object.helm} objectKey={objectKey} />
            </DetailSection>
          ) : null}
          {object.notifications && object.kind === 'Provider' ? (
            <DetailSection id="section-deliveries" title="Deliveries">
              <ProviderDeliveries log={object.notifications} />
            </DetailSection>
          ) : null}
          {object.notifications && object.kind === 'Receiver' ? (
            <DetailSection id="section-calls" title="Webhook calls">
              <ReceiverCalls log={object.notifications} />
            </DetailSection>
          ) : null}
          {object.kind === 'Kustomization' || object.kind === 'HelmRelease' ? (
            <DetailSection id="section-diff" title="Desired vs live">
              <DesiredVsLive objectKey={{ ...objectKey, kind: object.kind }} />
            </DetailSection>
          ) : null}
          {hasImageStory(object.kind) ? (
            <DetailSection id="section-image-story" title="Image automation">
              <ImageStory objectKey={objectKey} />
            </DetailSection>
          ) : null}
          <DetailSection id="section-timeline" title="Timeline">
            <ObjectTimeline object={object} />
          </DetailSection>
          <DetailSections object={object} />
          <DetailSection id="section-notifications" title="Notifications">
            <ObjectAlerts object={object} />
          </DetailSection>
          <DetailSection id="section-audit" title="Actions taken">
            <ObjectAudit objectId={object.id} />
          </DetailSection>
        </>
      ) : null}
    </div>
  );
}

function BackLink(): ReactNode {
  return (
    <Link href="/" className="text-sm text-blue-700 hover:underline dark:text-blue-300">
      ← All objects
    </Link>
  );
}

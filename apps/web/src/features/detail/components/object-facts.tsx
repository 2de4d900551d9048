import type { FluxObjectDetail } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LinkedText } from '../../links/components/linked-text';
import { CopyUrl } from './copy-url';
import { kindConfig } from '../../objects/selectors/kind-config';
import { objectHref, parseObjectId } from '../../objects/selectors/object-key';
import { DriftBadge } from '../../status/components/drift-badge';
import { StateBadge } from '../../status/components/state-badge';
import { RelativeTime } from '../../time/components/relative-time';

/** `1.2 KiB`, `3.4 MiB`: an artifact's size. Pure. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** How the kind registry writes a path served by this server (a Receiver's webhook). */
const THIS_SERVER = '<this server>';

/** A link to another Flux object by API id, or the id as text when it has no page. */
function ObjectRef({ id }: { id: string }): ReactNode {
  const key = parseObjectId(id);
  if (!key) return <span className="font-mono text-xs">{id}</span>;
  return (
    <Link href={objectHref(key)} className="text-blue-700 hover:underline dark:text-blue-300">
      {key.kind} {key.namespace}/{key.name}
    </Link>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }): ReactNode {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-1.5">
      <dt className="text-sm font-medium text-gray-700 dark:text-gray-300">{term}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

/** The summary of one object: state, revision, suspension, references. */
export function ObjectFacts({ object }: { object: FluxObjectDetail }): ReactNode {
  return (
    <dl className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white px-4 dark:divide-gray-800 dark:border-gray-700 dark:bg-gray-900">
      <Fact term="Ready">
        <span className="inline-flex flex-wrap items-center gap-2">
          <StateBadge state={object.state} title={object.readyMessage} />
          {object.readyReason}
        </span>
      </Fact>
      {object.drift ? (
        <Fact term="Drift">
          <span className="inline-flex flex-wrap items-center gap-2">
            <DriftBadge drift={object.drift} />
            {object.drift.message}
            {object.drift.by === 'diff' ? ' (found by the last Desired vs live diff)' : ''}
            {object.drift.at ? (
              <>
                {' · '}
                <RelativeTime iso={object.drift.at} />
              </>
            ) : null}
          </span>
        </Fact>
      ) : null}
      <Fact term="Message">
        <LinkedText text={object.readyMessage} />
      </Fact>
      <Fact term={kindConfig(object.kind).revisionLabel}>
        <span className="font-mono text-xs">{object.revision || '—'}</span>
      </Fact>
      <Fact term="Suspended">
        {object.suspended
          ? `Yes${object.suspendedBy ? `, by ${object.suspendedBy}` : ''}${object.suspendedComment ? `: ${object.suspendedComment}` : ''}`
          : 'No'}
      </Fact>
      <Fact term="Last transition">
        <RelativeTime iso={object.lastTransition} />
      </Fact>
      <Fact term="Last handled reconcile">
        <RelativeTime iso={object.lastHandledReconcileAt} />
      </Fact>
      <Fact term="Generation">
        {object.observedGeneration} observed of {object.generation}
      </Fact>
      {object.artifact ? (
        <Fact term="Artifact">
          <span className="font-mono text-xs">{object.artifact.revision}</span>
          {object.artifact.digest ? (
            <span className="block font-mono text-xs">{object.artifact.digest}</span>
          ) : null}
          <span className="block text-xs text-gray-700 dark:text-gray-300">
            {object.artifact.size !== undefined ? `${formatBytes(object.artifact.size)}, ` : ''}stored{' '}
            <RelativeTime iso={object.artifact.lastUpdateTime} />
          </span>
        </Fact>
      ) : null}
      {object.artifact?.commitMessage !== undefined ? (
        <Fact term="Commit">{object.artifact.commitMessage}</Fact>
      ) : null}
      {object.sourceRef ? (
        <Fact term="Source">
          <ObjectRef id={object.sourceRef} />
        </Fact>
      ) : null}
      {object.facts.map((fact) => (
        <Fact key={fact.label} term={fact.label}>
          {fact.objectId ? (
            <ObjectRef id={fact.objectId} />
          ) : fact.value.startsWith(THIS_SERVER) ? (
            // Receivers are served by this server: the URL a Git host or registry calls.
            <CopyUrl path={fact.value.slice(THIS_SERVER.length)} what={fact.label} />
          ) : (
            <span className={fact.mono ? 'font-mono text-xs' : undefined}>{fact.value || '—'}</span>
          )}
        </Fact>
      ))}
      {object.dependsOn.length > 0 ? (
        <Fact term="Depends on">
          <ul className="space-y-1">
            {object.dependsOn.map((id) => (
              <li key={id}>
                <ObjectRef id={id} />
              </li>
            ))}
          </ul>
        </Fact>
      ) : null}
    </dl>
  );
}

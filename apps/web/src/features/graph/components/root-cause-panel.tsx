import type { RootCauseDto } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { objectHref, parseObjectId } from '../../objects/selectors/object-key';
import { StateBadge } from '../../status/components/state-badge';
import { linkName, relationWords, shortCommit } from '../selectors/cause-words';

/** A chain link's name, linked to its page when it is a Flux object. */
function LinkedName({ id, name }: { id: string; name: string }): ReactNode {
  const key = parseObjectId(id);
  return key ? (
    <Link href={objectHref(key)} className="font-medium text-blue-700 hover:underline">
      {name}
    </Link>
  ) : (
    <span className="font-medium">{name}</span>
  );
}

/**
 * Why an object is not Ready: the one-sentence summary, the chain from the object to the first
 * failing link with each link's state, reason and message, and the image automation that pushed
 * the revision it is at. The graph page draws the same chain; the detail page can show this too.
 */
export function RootCausePanel({
  explanation,
  headingLevel = 2,
}: {
  explanation: RootCauseDto;
  headingLevel?: 2 | 3;
}): ReactNode {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const target = explanation.chain[0];
  return (
    <section
      aria-labelledby="root-cause-heading"
      className="space-y-2 rounded-lg border border-gray-200 p-3 text-sm"
    >
      <Heading id="root-cause-heading" className="text-base font-semibold">
        {explanation.ready ? 'Ready' : 'Why it is not Ready'}
        {target ? `: ${linkName(target)}` : ''}
      </Heading>
      <p className={explanation.ready ? 'text-gray-700' : 'font-medium text-red-800'}>
        {explanation.summary}
      </p>
      {explanation.chain.length > 1 ? (
        <ol aria-label="Root-cause chain" className="space-y-1">
          {explanation.chain.map((link) => (
            <li key={`${link.relation}:${link.id}`} className="space-y-0.5">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-gray-500">{relationWords(link)}</span>
                <StateBadge state={link.state} />
                <LinkedName id={link.id} name={linkName(link)} />
              </div>
              {link.reason || link.message ? (
                <p className="pl-2 wrap-anywhere text-gray-700">
                  {link.reason ? <span className="font-mono text-xs">{link.reason}</span> : null}
                  {link.reason && link.message ? ': ' : ''}
                  {link.message}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {explanation.automation ? (
        <p className="text-gray-700">
          Last changed by{' '}
          <LinkedName id={explanation.automation.id} name={linkName(explanation.automation)} />, commit{' '}
          <span className="font-mono">{shortCommit(explanation.automation.commit)}</span>
          {explanation.automation.pushedAt ? ` pushed ${explanation.automation.pushedAt}` : ''}.
        </p>
      ) : null}
    </section>
  );
}

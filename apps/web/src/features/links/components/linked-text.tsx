import { Fragment, type ReactNode } from 'react';
import { splitLinks } from '../selectors/split-links';

/** Cluster-provided text with its http(s) URLs as external links; nothing else becomes markup. */
export function LinkedText({ text }: { text: string }): ReactNode {
  return splitLinks(text).map((segment, index) =>
    segment.type === 'link' ? (
      <a
        key={index}
        href={segment.href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="break-all text-blue-700 underline"
      >
        {segment.text}
      </a>
    ) : (
      <Fragment key={index}>{segment.text}</Fragment>
    ),
  );
}

'use client';

import { useEffect, useState, type ReactNode } from 'react';

/**
 * A URL of this server (its origin, as the browser reached it, and `path`) in monospace with a
 * button that copies it; says whether the copy worked.
 */
export function CopyUrl({ path, what }: { path: string; what: string }): ReactNode {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);
  const url = `${origin}${path}`;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono text-xs break-all">{url}</span>
      <button
        type="button"
        aria-label={`Copy ${what}`}
        onClick={() =>
          void navigator.clipboard.writeText(url).then(
            () => setCopied('yes'),
            () => setCopied('failed'),
          )
        }
        className="rounded-md border border-gray-300 px-2 py-0.5 text-xs font-medium dark:border-gray-600"
      >
        Copy
      </button>
      <span role="status" className="text-xs text-gray-700 dark:text-gray-300">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed: select the URL instead' : ''}
      </span>
    </span>
  );
}

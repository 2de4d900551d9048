'use client';

import type { ReactNode } from 'react';
import { useNow } from '../hooks/use-now';
import { formatRelativeTime } from '../selectors/relative-time';

/** A timestamp shown relative to now (`5m ago`), with the exact time on hover. */
export function RelativeTime({ iso }: { iso: string | undefined }): ReactNode {
  const now = useNow();
  if (!iso) return <span aria-label="never">—</span>;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {formatRelativeTime(iso, now)}
    </time>
  );
}

'use client';

import type { ReactNode } from 'react';
import { useLiveStatus } from '../hooks/use-live-status';
import { CONNECTION_LABELS, type ConnectionStatus } from '../selectors/connection-status';

const DOT: Readonly<Record<ConnectionStatus, string>> = {
  connecting: 'bg-gray-400 animate-pulse',
  live: 'bg-green-500',
  reconnecting: 'bg-amber-500 animate-pulse',
  offline: 'bg-red-500',
};

/** "Live", "Connecting…", "Reconnecting…" or "Offline": the state of the live stream. */
export function ConnectionIndicator(): ReactNode {
  const status = useLiveStatus();
  return (
    <span
      role="status"
      aria-label="Live connection"
      data-status={status}
      className="inline-flex items-center gap-1.5 text-sm text-gray-200"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[status]}`} />
      {CONNECTION_LABELS[status]}
    </span>
  );
}

'use client';

import type { ReactNode } from 'react';
import { useLiveStream } from '../hooks/use-live-stream';
import { LiveStatusContext } from '../hooks/use-live-status';

/** Opens the app's one live subscription and shares its status with everything inside. */
export function LiveStreamProvider({ children }: { children: ReactNode }): ReactNode {
  const status = useLiveStream();
  return <LiveStatusContext value={status}>{children}</LiveStatusContext>;
}

import { createContext, use } from 'react';
import type { ConnectionStatus } from '../selectors/connection-status';

/** Carries the live stream's status from its provider to the indicator. */
export const LiveStatusContext = createContext<ConnectionStatus>('connecting');

/** The live stream's connection status. */
export function useLiveStatus(): ConnectionStatus {
  return use(LiveStatusContext);
}

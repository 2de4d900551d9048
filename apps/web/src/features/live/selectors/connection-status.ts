/** How the dashboard's live stream is doing, as the nav shows it. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The words the indicator shows for each status. */
export const CONNECTION_LABELS: Readonly<Record<ConnectionStatus, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** The subscription link's own connection states. */
export type LinkConnectionState = 'idle' | 'connecting' | 'pending';

/**
 * The indicator status for a link state: `pending` means the stream is open; `connecting`
 * is a first connection or, once the stream has been up or after an error, a reconnection. Pure.
 */
export function toConnectionStatus(
  state: LinkConnectionState,
  hasError: boolean,
  wasLive: boolean,
): ConnectionStatus {
  if (state === 'pending') return 'live';
  if (state === 'idle') return 'offline';
  return hasError || wasLive ? 'reconnecting' : 'connecting';
}

/** Delay before re-subscribing after the stream failed `failures` times in a row: 1 s doubling to 30 s. Pure. */
export function reconnectDelayMs(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures));
}

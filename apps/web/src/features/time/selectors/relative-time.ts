const UNITS: readonly [limitSeconds: number, unitSeconds: number, suffix: string][] = [
  [60, 1, 's'],
  [3600, 60, 'm'],
  [86_400, 3600, 'h'],
  [86_400 * 30, 86_400, 'd'],
  [86_400 * 365, 86_400 * 30, 'mo'],
  [Number.POSITIVE_INFINITY, 86_400 * 365, 'y'],
];

/**
 * A short relative time like `just now`, `42s ago`, `5m ago`, `3h ago`, `2d ago` or `in 4m`
 * (clock skew), rounding down; `—` for a missing or unparsable timestamp. Pure: the caller
 * passes the current time.
 */
export function formatRelativeTime(iso: string | undefined, nowMs: number): string {
  if (!iso) return '—';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const deltaSeconds = Math.round((nowMs - then) / 1000);
  const magnitude = Math.abs(deltaSeconds);
  if (magnitude < 5) return 'just now';
  const [, unitSeconds, suffix] = UNITS.find(([limit]) => magnitude < limit) ?? UNITS[UNITS.length - 1]!;
  const amount = `${Math.floor(magnitude / unitSeconds)}${suffix}`;
  return deltaSeconds > 0 ? `${amount} ago` : `in ${amount}`;
}

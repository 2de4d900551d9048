import { createHash } from 'node:crypto';

/** The leader Lease of an unsharded engine. */
export const DEFAULT_LEASE_NAME = 'tideline-engine-leader-election';

/**
 * fluxcd/pkg's `leaderelection.GenerateID`: with a watch label selector, the election ID gets
 * `-` and the first 8 hex digits of the selector's sha256, so each shard elects its own leader
 * and engines of different shards run side by side on one cluster. Pure.
 */
export function leaderElectionId(base: string, watchLabelSelector?: string): string {
  if (!base || !watchLabelSelector) return base;
  return `${base}-${createHash('sha256').update(watchLabelSelector).digest('hex').slice(0, 8)}`;
}

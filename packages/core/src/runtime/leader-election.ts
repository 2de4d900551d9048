/**
 * Leader election on a `coordination.k8s.io/v1` Lease, decided as client-go's leaderelection
 * package decides it: the pure part. Expiry is judged by the candidate's own clock from the
 * moment it last saw the record change, never by comparing its clock with the holder's
 * timestamps, so clock skew between engines cannot make two leaders.
 */

/** The timing of an election (milliseconds). */
export interface LeaseTiming {
  /** How long a record stays valid after it last changed, as seen by a candidate. */
  leaseDurationMs: number;
  /** How long a leader keeps trying to renew before it steps down. */
  renewDeadlineMs: number;
  /** The period between attempts. */
  retryPeriodMs: number;
}

/**
 * controller-runtime's defaults (15 s / 10 s / 2 s): a dead leader is replaced within about
 * 17 s, and a leader that cannot renew stops reconciling 5 s before anyone may take over.
 */
export const DEFAULT_LEASE_TIMING: LeaseTiming = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
};

/** The Lease spec fields an election reads and writes. */
export interface LeaseRecord {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** What a candidate last saw of the record, and when (its own clock). */
export interface LeaseObservation {
  key: string;
  atMs: number;
}

/** What to do after reading the lease. */
export type LeaseDecision =
  | { action: 'create'; record: LeaseRecord }
  | { action: 'update'; record: LeaseRecord }
  | { action: 'wait'; holder: string };

/** The identity of a record's content: a change of holder or renewal restarts the expiry clock. Pure. */
export function recordKey(record: LeaseRecord | undefined): string {
  return record ? `${record.holderIdentity ?? ''}|${record.renewTime ?? ''}|${record.acquireTime ?? ''}` : '';
}

/** A Kubernetes MicroTime (RFC 3339 with microseconds). Pure. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * client-go's `tryAcquireOrRenew`: create the lease when there is none; wait while another
 * holder's record is still valid; otherwise write ourselves as holder (a renewal keeps the
 * acquire time and transition count, a takeover bumps the count). Pure.
 */
export function decideLease(
  current: LeaseRecord | undefined,
  observed: LeaseObservation | undefined,
  identity: string,
  nowMs: number,
  timing: LeaseTiming,
): LeaseDecision {
  const fresh = (transitions: number): LeaseRecord => ({
    holderIdentity: identity,
    leaseDurationSeconds: Math.ceil(timing.leaseDurationMs / 1000),
    acquireTime: microTime(nowMs),
    renewTime: microTime(nowMs),
    leaseTransitions: transitions,
  });
  if (!current) return { action: 'create', record: fresh(0) };
  const holder = current.holderIdentity ?? '';
  if (holder === identity) return { action: 'update', record: { ...current, renewTime: microTime(nowMs) } };
  const seenSince = observed && observed.key === recordKey(current) ? observed.atMs : nowMs;
  const durationMs = (current.leaseDurationSeconds ?? timing.leaseDurationMs / 1000) * 1000;
  if (holder !== '' && seenSince + durationMs > nowMs) return { action: 'wait', holder };
  return { action: 'update', record: fresh((current.leaseTransitions ?? 0) + 1) };
}

/** The record a leader writes when it steps down on purpose, so a successor need not wait. Pure. */
export function releasedRecord(current: LeaseRecord, nowMs: number): LeaseRecord {
  return {
    holderIdentity: '',
    leaseDurationSeconds: 1,
    acquireTime: microTime(nowMs),
    renewTime: microTime(nowMs),
    leaseTransitions: current.leaseTransitions ?? 0,
  };
}

/** kstatus statuses (fluxcd/cli-utils `pkg/kstatus/status`). */
export const KStatus = {
  InProgress: 'InProgress',
  Failed: 'Failed',
  Current: 'Current',
  Terminating: 'Terminating',
  NotFound: 'NotFound',
  Unknown: 'Unknown',
} as const;

/** One of the kstatus statuses. */
export type KStatusValue = (typeof KStatus)[keyof typeof KStatus];

/** A standard condition kstatus derives for an object (abnormal-true: Reconciling or Stalled). */
export interface KStatusCondition {
  type: 'Reconciling' | 'Stalled';
  status: 'True';
  reason: string;
  message: string;
}

/** The computed status of one object, with kstatus' message. */
export interface KStatusResult {
  status: KStatusValue;
  message: string;
  conditions: KStatusCondition[];
  /** Set when the status could not be computed (status is then Unknown). */
  error?: string;
}

/** An InProgress result with its Reconciling condition. Pure. */
export function inProgress(reason: string, message: string): KStatusResult {
  return {
    status: KStatus.InProgress,
    message,
    conditions: [{ type: 'Reconciling', status: 'True', reason, message }],
  };
}

/** A Failed result with its Stalled condition. Pure. */
export function failed(reason: string, message: string): KStatusResult {
  return {
    status: KStatus.Failed,
    message,
    conditions: [{ type: 'Stalled', status: 'True', reason, message }],
  };
}

/** A Current result. Pure. */
export function current(message: string): KStatusResult {
  return { status: KStatus.Current, message, conditions: [] };
}

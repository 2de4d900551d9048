import type { FluxObjectSummary } from '@tideline/server';
import { stateStyle } from '../../status/selectors/state-style';

/** The actions an object offers. */
export type ObjectAction = 'suspend' | 'resume' | 'reconcile';

/** The visible word of each action's button. */
export const ACTION_VERBS: Readonly<Record<ObjectAction, string>> = {
  suspend: 'Suspend',
  resume: 'Resume',
  reconcile: 'Reconcile',
};

/** An action the user asked for; `requestedAt` is what the reconcile mutation wrote. */
export interface ActionRequest {
  action: ObjectAction;
  requestedAt?: string;
}

/** The summary fields that show an action's effect. */
export type ActionEvidence = Pick<
  FluxObjectSummary,
  'suspended' | 'lastHandledReconcileAt' | 'state' | 'readyReason'
>;

/**
 * Whether the live object shows the effect of `request`: suspend and resume flip `suspended`;
 * a reconcile is done once the controller handled our request (`lastHandledReconcileAt`) and
 * the object is no longer progressing. Pure.
 */
export function isActionConfirmed(request: ActionRequest, object: ActionEvidence): boolean {
  switch (request.action) {
    case 'suspend':
      return object.suspended;
    case 'resume':
      return !object.suspended;
    case 'reconcile':
      return (
        request.requestedAt !== undefined &&
        object.lastHandledReconcileAt === request.requestedAt &&
        object.state !== 'progressing'
      );
  }
}

/** What to say once an action is confirmed, e.g. `Reconciled: Failed (BuildFailed)`. Pure. */
export function describeOutcome(action: ObjectAction, object: ActionEvidence): string {
  if (action === 'suspend') return 'Suspended';
  if (action === 'resume') return 'Resumed';
  const label = stateStyle(object.state).label;
  return object.readyReason ? `Reconciled: ${label} (${object.readyReason})` : `Reconciled: ${label}`;
}

/** What to say while an action is being sent, or sent and awaiting the live update. Pure. */
export function describePending(action: ObjectAction, phase: 'sending' | 'awaiting'): string {
  if (phase === 'sending')
    return { suspend: 'Suspending…', resume: 'Resuming…', reconcile: 'Requesting reconcile…' }[action];
  return `${ACTION_VERBS[action]} requested, waiting for the object to update…`;
}

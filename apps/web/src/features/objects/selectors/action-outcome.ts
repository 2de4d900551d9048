import type { FluxObjectSummary } from '@tideline/server';
import { stateStyle } from '../../status/selectors/state-style';

/** The actions an object offers (`force` and `reset`: HelmReleases, as `flux reconcile hr --force/--reset`). */
export type ObjectAction = 'suspend' | 'resume' | 'reconcile' | 'force' | 'reset';

/** The visible word of each action's button. */
export const ACTION_VERBS: Readonly<Record<ObjectAction, string>> = {
  suspend: 'Suspend',
  resume: 'Resume',
  reconcile: 'Reconcile',
  force: 'Force',
  reset: 'Reset',
};

/**
 * The one confirmation rule: an action that stops or overrides delivery (suspend) and any action
 * on more than one object asks first, in one dialog naming the objects and what depends on
 * them; an action that only asks the controllers to catch up with what Git declares (reconcile,
 * resume) on one object runs at once and shows its progress. Pure.
 */
export function needsConfirmation(action: ObjectAction, count: number): boolean {
  return action === 'suspend' || action === 'force' || action === 'reset' || count > 1;
}

/** An action the user asked for; `requestedAt` is what the reconcile mutation wrote. */
export interface ActionRequest {
  action: ObjectAction;
  requestedAt?: string;
}

/** The summary fields that show an action's effect. */
export type ActionEvidence = Pick<
  FluxObjectSummary,
  'suspended' | 'lastHandledReconcileAt' | 'state' | 'readyReason' | 'revision'
>;

/** Where an action stands, as the live object shows it. */
export type ActionStage = 'requested' | 'picked-up' | 'done';

/**
 * How far `request` got: suspend and resume are done when `suspended` flips; a reconcile is
 * picked up once the controller recorded our request (`lastHandledReconcileAt`, as `flux
 * reconcile` waits for it) and done when the object is no longer progressing. Pure.
 */
export function actionStage(request: ActionRequest, object: ActionEvidence): ActionStage {
  switch (request.action) {
    case 'suspend':
      return object.suspended ? 'done' : 'requested';
    case 'resume':
      return object.suspended ? 'requested' : 'done';
    case 'reconcile':
    case 'force':
    case 'reset':
      if (request.requestedAt === undefined || object.lastHandledReconcileAt !== request.requestedAt)
        return 'requested';
      return object.state === 'progressing' ? 'picked-up' : 'done';
  }
}

/** True when the live object shows the whole effect of `request`. Pure. */
export function isActionConfirmed(request: ActionRequest, object: ActionEvidence): boolean {
  return actionStage(request, object) === 'done';
}

/**
 * What to say once an action is done: `Suspended`, `Resumed`, or the reconcile's result in
 * `flux reconcile`'s words (`applied revision …` / `fetched revision …`) or its failure. Pure.
 */
export function describeOutcome(action: ObjectAction, object: ActionEvidence): string {
  if (action === 'suspend') return 'Suspended';
  if (action === 'resume') return 'Resumed';
  const [done, failed] = {
    reconcile: ['Reconciled', 'Reconcile failed'],
    force: ['Forced release', 'Forced release failed'],
    reset: ['Reset', 'Reset, then failed'],
  }[action];
  if (object.state === 'failed') return `${failed}${object.readyReason ? `: ${object.readyReason}` : ''}`;
  const label = stateStyle(object.state).label;
  if (object.state === 'ready' && object.revision) return `${done}: ${label} at ${object.revision}`;
  return object.readyReason ? `${done}: ${label} (${object.readyReason})` : `${done}: ${label}`;
}

/** What to say while an action is being sent, or on its way to being done. Pure. */
export function describePending(action: ObjectAction, stage: 'sending' | 'requested' | 'picked-up'): string {
  if (stage === 'sending')
    return {
      suspend: 'Suspending…',
      resume: 'Resuming…',
      reconcile: 'Requesting reconcile…',
      force: 'Requesting a forced release…',
      reset: 'Requesting a reset of the failure counters…',
    }[action];
  if (stage === 'picked-up') return `${ACTION_VERBS[action]} picked up by the controller…`;
  return `${ACTION_VERBS[action]} requested, waiting for the object to update…`;
}

'use client';

import type { FluxObjectSummary } from '@tideline/server';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../actions/components/confirm-dialog';
import { useMayOperate } from '../../auth/hooks/use-may-operate';
import { useObjectAction } from '../hooks/use-object-action';
import { ACTION_VERBS, needsConfirmation, type ObjectAction } from '../selectors/action-outcome';
import { kindActions } from '../selectors/kind-config';
import { objectLabel } from '../selectors/object-key';

const BUTTON =
  'rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-800 shadow-sm hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-gray-600 dark:bg-gray-800 dark:text-gray-100 dark:hover:bg-gray-700';

/**
 * Suspend/Resume (whichever applies) and Reconcile for one object, with the request's progress
 * and outcome. Button names include the object, e.g. "Suspend Kustomization flux-system/apps";
 * `data-action` lets the keyboard map (`s`, `r`) press them for the focused row. Suspend asks
 * first (the one confirmation rule), with the blast radius and a reason.
 */
export function ObjectActions({
  object,
  compact,
}: {
  object: FluxObjectSummary;
  compact?: boolean;
}): ReactNode {
  const { run, view } = useObjectAction(object);
  const [confirming, setConfirming] = useState<ObjectAction | null>(null);
  const allowed = useMayOperate(object.namespace);
  const label = objectLabel(object);
  const toggle: ObjectAction = object.suspended ? 'resume' : 'suspend';
  const ask = (action: ObjectAction): void =>
    needsConfirmation(action, 1) ? setConfirming(action) : run(action);
  // Alert and Provider do not react to requestedAt (`flux reconcile` has no command for them).
  const can = kindActions(object.kind);
  if (!allowed) return null;
  return (
    <div
      className={`flex min-w-0 gap-2 ${compact ? 'items-center' : 'flex-col items-start'}`}
      aria-busy={view.busy}
    >
      <div className="flex shrink-0 gap-2">
        {can.suspend ? (
          <button
            type="button"
            className={BUTTON}
            data-action="toggle-suspend"
            aria-label={`${ACTION_VERBS[toggle]} ${label}`}
            disabled={view.busy}
            onClick={() => ask(toggle)}
          >
            {ACTION_VERBS[toggle]}
          </button>
        ) : null}
        {can.reconcile ? (
          <button
            type="button"
            className={BUTTON}
            data-action="reconcile"
            aria-label={`Reconcile ${label}`}
            disabled={view.busy || object.suspended}
            title={object.suspended ? 'Resume the object before reconciling it' : undefined}
            onClick={() => ask('reconcile')}
          >
            Reconcile
          </button>
        ) : null}
        {!compact && can.reconcile && (object.kind === 'Kustomization' || object.kind === 'HelmRelease') ? (
          <button
            type="button"
            className={BUTTON}
            data-action="reconcile-with-source"
            aria-label={`Reconcile with source ${label}`}
            disabled={view.busy || object.suspended}
            title="Reconcile the source first, then this object (flux reconcile --with-source)"
            onClick={() => run('reconcile', undefined, true)}
          >
            Reconcile with source
          </button>
        ) : null}
        {!compact && object.kind === 'HelmRelease'
          ? (['force', 'reset'] as const).map((action) => (
              <button
                key={action}
                type="button"
                className={BUTTON}
                data-action={action}
                aria-label={`${ACTION_VERBS[action]} ${label}`}
                disabled={view.busy || object.suspended}
                title={
                  action === 'force'
                    ? 'Run a Helm release now, even without changes (flux reconcile hr --force)'
                    : 'Reset the failure counters so remediation retries (flux reconcile hr --reset)'
                }
                onClick={() => ask(action)}
              >
                {ACTION_VERBS[action]}
              </button>
            ))
          : null}
      </div>
      <span
        role="status"
        title={view.message}
        className={`min-w-0 truncate text-xs text-gray-700 dark:text-gray-300 ${view.busy ? 'animate-pulse' : ''}`}
      >
        {view.message}
      </span>
      {view.error ? (
        <span
          role="alert"
          title={view.error}
          className="min-w-0 truncate text-xs text-red-700 dark:text-red-400"
        >
          {view.error}
        </span>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          request={{ action: confirming, objects: [object] }}
          onCancel={() => setConfirming(null)}
          onConfirm={(reason) => {
            run(confirming, reason);
            setConfirming(null);
          }}
        />
      ) : null}
    </div>
  );
}

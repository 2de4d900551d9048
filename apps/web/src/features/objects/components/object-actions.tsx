'use client';

import type { FluxObjectSummary } from '@tideline/server';
import type { ReactNode } from 'react';
import { useMayOperate } from '../../auth/hooks/use-may-operate';
import { useObjectAction } from '../hooks/use-object-action';
import { ACTION_VERBS, type ObjectAction } from '../selectors/action-outcome';
import { objectLabel } from '../selectors/object-key';

const BUTTON =
  'rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-800 shadow-sm hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50';

/**
 * Suspend/Resume (whichever applies) and Reconcile for one object, with the request's progress
 * and outcome. Button names include the object, e.g. "Suspend Kustomization flux-system/apps".
 * Absent for a caller below operator in the object's namespace (the server refuses it anyway).
 */
export function ObjectActions({ object }: { object: FluxObjectSummary }): ReactNode {
  const allowed = useMayOperate(object.namespace);
  const { run, view } = useObjectAction(object);
  if (!allowed) return null;
  const label = objectLabel(object);
  const toggle: ObjectAction = object.suspended ? 'resume' : 'suspend';
  return (
    <div className="flex flex-col items-start gap-1" aria-busy={view.busy}>
      <div className="flex gap-2">
        <button
          type="button"
          className={BUTTON}
          aria-label={`${ACTION_VERBS[toggle]} ${label}`}
          disabled={view.busy}
          onClick={() => run(toggle)}
        >
          {ACTION_VERBS[toggle]}
        </button>
        <button
          type="button"
          className={BUTTON}
          aria-label={`Reconcile ${label}`}
          disabled={view.busy || object.suspended}
          title={object.suspended ? 'Resume the object before reconciling it' : undefined}
          onClick={() => run('reconcile')}
        >
          Reconcile
        </button>
      </div>
      <span role="status" className={`text-xs text-gray-600 ${view.busy ? 'animate-pulse' : ''}`}>
        {view.message}
      </span>
      {view.error ? (
        <span role="alert" className="text-xs text-red-700">
          {view.error}
        </span>
      ) : null}
    </div>
  );
}

'use client';

import { useState, type ReactNode } from 'react';
import { ACTION_VERBS, type ObjectAction } from '../../objects/selectors/action-outcome';
import { objectLabel, type ObjectKey } from '../../objects/selectors/object-key';
import { ConfirmModal } from './confirm-modal';
import { ImpactSummary } from './impact-summary';

/** What the dialog asks to confirm. */
export interface ConfirmRequest {
  action: ObjectAction;
  objects: readonly ObjectKey[];
}

/**
 * The one confirmation dialog (a native modal `<dialog>`: focus stays inside, Escape cancels):
 * names the action and the objects, shows the blast radius of a suspend and takes its optional
 * reason, recorded on the objects and in the audit log.
 */
export function ConfirmDialog({
  request,
  onConfirm,
  onCancel,
}: {
  request: ConfirmRequest | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}): ReactNode {
  const [reason, setReason] = useState('');
  const verb = request ? ACTION_VERBS[request.action] : '';
  const first = request?.objects[0];
  const what =
    request && request.objects.length === 1 && first
      ? objectLabel(first)
      : `${request?.objects.length ?? 0} objects`;
  return (
    <ConfirmModal
      open={request !== null}
      title={`${verb} ${what}?`}
      confirmLabel={request?.objects.length === 1 ? verb : `${verb} ${request?.objects.length ?? 0} objects`}
      tone="action"
      width="wide"
      onOpen={() => setReason('')}
      onConfirm={() => onConfirm(reason.trim())}
      onCancel={onCancel}
    >
      {request && request.objects.length > 1 ? (
        <ul className="max-h-32 list-disc overflow-auto pl-5 text-sm">
          {request.objects.map((o) => (
            <li key={objectLabel(o)}>{objectLabel(o)}</li>
          ))}
        </ul>
      ) : null}
      {request?.action === 'suspend' ? <ImpactSummary objects={request.objects} /> : null}
      {request?.action === 'force' ? (
        <p className="text-sm">
          Helm releases it now (an upgrade, or an install), even when nothing changed.
        </p>
      ) : null}
      {request?.action === 'reset' ? (
        <p className="text-sm">
          Its failure counters go back to zero, so install and upgrade remediation (retries, rollback) start
          over.
        </p>
      ) : null}
      {request?.action === 'suspend' ? (
        <label className="block text-sm font-medium">
          Reason (optional, recorded on the object and in the audit log)
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={1024}
            rows={2}
            className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1 font-normal dark:border-gray-600 dark:bg-gray-800"
          />
        </label>
      ) : null}
    </ConfirmModal>
  );
}

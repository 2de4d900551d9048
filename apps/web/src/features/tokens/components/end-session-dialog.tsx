'use client';

import type { ReactNode } from 'react';
import { ConfirmModal } from '../../actions/components/confirm-modal';
import { endSessionPrompt, type SessionRow } from '../selectors/session-rows';

/**
 * Asks before a session ends (the house's confirmation, as the actions'), saying whose session it is.
 */
export function EndSessionDialog({
  session,
  onConfirm,
  onCancel,
}: {
  session: SessionRow | null;
  onConfirm: (session: SessionRow) => void;
  onCancel: () => void;
}): ReactNode {
  const prompt = session ? endSessionPrompt(session) : null;
  return (
    <ConfirmModal
      open={session !== null}
      title={prompt?.title ?? ''}
      confirmLabel="End session"
      tone="destructive"
      width="narrow"
      onConfirm={() => {
        if (session) onConfirm(session);
      }}
      onCancel={onCancel}
    >
      <p className="text-sm">{prompt?.body}</p>
    </ConfirmModal>
  );
}

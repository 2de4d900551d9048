'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { endSessionPrompt, type SessionRow } from '../selectors/session-rows';

const BUTTON =
  'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

/**
 * Asks before a session ends (a native modal `<dialog>`, as the actions' confirmation: focus
 * stays inside, Escape cancels), saying whose session it is.
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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (session && !dialog.open) dialog.showModal();
    else if (!session && dialog.open) dialog.close();
  }, [session]);
  const prompt = session ? endSessionPrompt(session) : null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={onCancel}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-gray-300 bg-white p-0 text-gray-900 shadow-xl backdrop:bg-black/40 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100"
    >
      {session && prompt ? (
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm(session);
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {prompt.title}
          </h2>
          <p className="text-sm">{prompt.body}</p>
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={onCancel}
              className={`${BUTTON} border border-gray-300 dark:border-gray-600`}
            >
              Cancel
            </button>
            <button type="submit" className={`${BUTTON} bg-red-700 text-white hover:bg-red-800`}>
              End session
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

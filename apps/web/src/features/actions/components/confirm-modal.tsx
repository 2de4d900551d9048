'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

const BUTTON =
  'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

/** The confirm button's colour: blue for actions on objects, red for what cannot be undone. */
const TONES = {
  action: 'bg-blue-700 text-white hover:bg-blue-800',
  destructive: 'bg-red-700 text-white hover:bg-red-800',
} as const;

/** Literal classes (Tailwind finds only whole class names in the source). */
const WIDTHS = {
  narrow: 'w-[min(32rem,calc(100vw-2rem))]',
  wide: 'w-[min(36rem,calc(100vw-2rem))]',
} as const;

/**
 * The house's confirmation shell: a native modal `<dialog>` (focus stays inside, Escape
 * cancels) with a title, the caller's content, Cancel and a confirm button. Open while `open`;
 * `onOpen` runs each time it opens (to reset the caller's fields).
 */
export function ConfirmModal({
  open,
  title,
  confirmLabel,
  tone,
  width,
  onOpen,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: ReactNode;
  confirmLabel: string;
  tone: keyof typeof TONES;
  width: keyof typeof WIDTHS;
  onOpen?: () => void;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      onOpen?.();
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
    // onOpen is the caller's reset: it runs when `open` turns true, not whenever it is re-created.
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={onCancel}
      className={`m-auto ${WIDTHS[width]} rounded-lg border border-gray-300 bg-white p-0 text-gray-900 shadow-xl backdrop:bg-black/40 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100`}
    >
      {open ? (
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm();
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={onCancel}
              className={`${BUTTON} border border-gray-300 dark:border-gray-600`}
            >
              Cancel
            </button>
            <button type="submit" className={`${BUTTON} ${TONES[tone]}`}>
              {confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

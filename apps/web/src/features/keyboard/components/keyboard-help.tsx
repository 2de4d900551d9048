'use client';

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useKeyboardMap } from '../hooks/use-keyboard-map';
import { KEY_BINDINGS } from '../selectors/keymap';

/** Mounts the keyboard map once for the dashboard, and its help dialog (`?`). */
export function KeyboardMap(): ReactNode {
  const [open, setOpen] = useState(false);
  const openHelp = useCallback(() => setOpen(true), []);
  useKeyboardMap(openHelp);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={() => setOpen(false)}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-lg border border-gray-300 bg-white p-5 text-gray-900 shadow-xl backdrop:bg-black/40 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100"
    >
      <h2 id={titleId} className="mb-3 text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <table className="w-full text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col" className="pb-1 text-left">
              Keys
            </th>
            <th scope="col" className="pb-1 text-left">
              Does
            </th>
          </tr>
        </thead>
        <tbody>
          {KEY_BINDINGS.map((b) => (
            <tr key={b.keys}>
              <td className="py-0.5 pr-4">
                <kbd className="rounded border border-gray-300 px-1.5 font-mono dark:border-gray-600">
                  {b.keys}
                </kbd>
              </td>
              <td className="py-0.5">{b.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-gray-700 dark:text-gray-300">
        Keys typed into a text field are never taken.
      </p>
      <form method="dialog" className="mt-4 flex justify-end">
        <button type="submit" className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white">
          Close
        </button>
      </form>
    </dialog>
  );
}

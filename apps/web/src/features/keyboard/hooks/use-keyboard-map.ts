import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { isTypingTarget, nextKey, type KeyCommand, type KeymapState } from '../selectors/keymap';

/** The window event a row list listens to for `j`/`k` (detail: +1 or −1). */
export const ROW_MOVE_EVENT = 'tideline:move-row';

/** Presses the action button of the focused row, or the page's own when no row has focus. */
function pressAction(action: 'toggle-suspend' | 'reconcile'): void {
  const row = document.activeElement?.closest('tr') ?? document.querySelector('tr[data-focused]');
  const scope = row ?? document.querySelector('[data-action-scope="page"]');
  scope?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]:not(:disabled)`)?.click();
}

/**
 * The dashboard's keyboard map (see `KEY_BINDINGS`), on the whole window. Keys typed into a
 * text field, with a modifier, or while a dialog is open are left alone.
 */
export function useKeyboardMap(openHelp: () => void): void {
  const router = useRouter();
  const state = useRef<KeymapState>({});
  useEffect(() => {
    const run = (command: KeyCommand): void => {
      switch (command) {
        case 'focus-search': {
          const search = document.querySelector<HTMLInputElement>('[data-search-input]');
          if (search) search.focus();
          else router.push('/');
          return;
        }
        case 'go-overview':
          return router.push('/');
        case 'go-graph':
          return router.push('/graph');
        case 'go-events':
          return router.push('/events');
        case 'next-row':
        case 'previous-row':
          window.dispatchEvent(new CustomEvent(ROW_MOVE_EVENT, { detail: command === 'next-row' ? 1 : -1 }));
          return;
        case 'suspend':
          return pressAction('toggle-suspend');
        case 'reconcile':
          return pressAction('reconcile');
        case 'help':
          return openHelp();
      }
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target as HTMLElement | null) || document.querySelector('dialog[open]'))
        return;
      const next = nextKey(state.current, event.key, event.timeStamp);
      state.current = next.state;
      if (!next.command) return;
      event.preventDefault();
      run(next.command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, openHelp]);
}

/** Listens for `j`/`k` and moves a focused index within `[0, count)`. */
export function useRowMoves(count: number, setFocused: (update: (current: number) => number) => void): void {
  useEffect(() => {
    const onMove = (event: Event): void => {
      const delta = (event as CustomEvent<number>).detail;
      setFocused((current) => Math.max(0, Math.min(count - 1, current < 0 ? 0 : current + delta)));
    };
    window.addEventListener(ROW_MOVE_EVENT, onMove);
    return () => window.removeEventListener(ROW_MOVE_EVENT, onMove);
  }, [count, setFocused]);
}

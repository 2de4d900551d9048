import { useSyncExternalStore } from 'react';
import { parseThemeChoice, resolvedScheme } from '../selectors/theme';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    media.removeEventListener('change', onChange);
    observer.disconnect();
  };
}

function current(): 'light' | 'dark' {
  return resolvedScheme(
    parseThemeChoice(document.documentElement.dataset.theme),
    window.matchMedia(QUERY).matches,
  );
}

/**
 * The scheme the page shows now (`light` or `dark`), following the toggle and, when it says
 * "system", the OS. For what CSS cannot theme by itself (the Mermaid graph's theme).
 */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, current, () => 'light');
}

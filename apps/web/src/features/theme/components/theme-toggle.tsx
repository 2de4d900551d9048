'use client';

import { useState, type ReactNode } from 'react';
import { parseThemeChoice, THEME_CHOICES, themeCookie, type ThemeChoice } from '../selectors/theme';

const WORDS: Readonly<Record<ThemeChoice, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark, or the OS's choice; persisted in a cookie so every page renders in it from the start. */
export function ThemeToggle({ initial }: { initial: ThemeChoice }): ReactNode {
  // From the server's cookie read, so the server's markup and the first client render agree.
  const [choice, setChoice] = useState<ThemeChoice>(initial);
  return (
    <label className="inline-flex items-center gap-1.5 text-sm text-gray-200">
      Theme
      <select
        value={choice}
        onChange={(e) => {
          const next = parseThemeChoice(e.target.value);
          setChoice(next);
          document.documentElement.dataset.theme = next;
          document.cookie = themeCookie(next);
        }}
        className="rounded border border-gray-600 bg-gray-800 px-1.5 py-0.5 text-sm text-white"
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {WORDS[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
